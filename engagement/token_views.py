"""/staff/tokens/: personal API tokens, created only in a session signed in with a second factor."""

from allauth.account.authentication import get_authentication_records
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import access, tokens
from .models import ApiToken, Programme, Role


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, for example 'Power BI refresh'")
    programmes = forms.ModelMultipleChoiceField(queryset=Programme.objects.none(), widget=forms.CheckboxSelectMultiple,
                                                help_text="The token can reach only these programmes' data")
    can_write = forms.BooleanField(required=False, label="Allow changes (submit responses, edit codebooks)",
                                   help_text="Leave unticked for a read-only token")
    days = forms.TypedChoiceField(label="Expires after", coerce=int, initial=90,
                                  choices=[(d, f"{d} days") for d in tokens.LIFETIMES_DAYS])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        reachable = {p.pk for role in Role for p in access.programmes_for(user, role)}
        self.fields["programmes"].queryset = Programme.objects.filter(pk__in=reachable)


def _signed_in_with_second_factor(request) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    second_factor = _signed_in_with_second_factor(request)
    form = TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    secret = None
    if request.method == "POST" and second_factor and form.is_valid():
        _, secret = tokens.token_create(user=request.user, name=form.cleaned_data["name"],
                                        programmes=form.cleaned_data["programmes"],
                                        can_write=form.cleaned_data["can_write"], days=form.cleaned_data["days"])
        form = TokenForm(user=request.user)
    return render(request, "engagement/tokens.html", {
        "form": form, "secret": secret, "second_factor": second_factor, "tokens": tokens.tokens_for(request.user)})


@login_required
@require_POST
def token_revoke(request, prefix):
    token = get_object_or_404(ApiToken, user=request.user, prefix=prefix)
    tokens.token_revoke(token=token, actor=request.user)
    return redirect("api-tokens")
