"""Microdata pages: the k-anonymous download for grantees, and the grants page for administrators.

Thin: analysis/microdata.py decides who may have what; a refusal is a 403 with its reason.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST

from engagement import access
from engagement.models import Role

from . import microdata
from .microdata_forms import GrantForm
from .views import render_analysis, survey_for_analyst


@login_required
def survey_microdata(request, slug):
    """The survey's k-anonymous responses as CSV, for holders of a microdata grant (audit-logged)."""
    survey = survey_for_analyst(request.user, slug)
    data = microdata.microdata_for(request.user, survey, via="staff")
    response = StreamingHttpResponse(microdata.csv_lines(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-microdata.csv"'
    return response


def _survey_for_administrator(user, slug):
    survey = survey_for_analyst(user, slug)
    access.require_role(user, Role.ADMINISTRATOR, survey.programme)
    return survey


@login_required
@require_http_methods(["GET", "POST"])
def microdata_grants(request, slug):
    """Who holds this survey's microdata; administrators of its programme grant and revoke here."""
    survey = _survey_for_administrator(request.user, slug)
    form = GrantForm(request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        grant = microdata.grant_microdata(survey=survey, user=form.cleaned_data["user"], granted_by=request.user,
                                          expires_on=form.cleaned_data["expires_on"])
        messages.success(request, f"{grant.user.email} may download this survey's microdata until "
                                  f"{grant.expires_on:%-d %B %Y}")
        return redirect("analysis:microdata-grants", slug=survey.slug)
    grants = microdata.grants_for(request.user).filter(survey=survey)
    return render_analysis(request, "analysis/microdata_grants.html", survey, {"form": form, "grants": grants})


@login_required
@require_POST
def microdata_revoke(request, slug, pk):
    survey = _survey_for_administrator(request.user, slug)
    grant = get_object_or_404(microdata.grants_for(request.user), pk=pk, survey=survey)
    microdata.revoke_microdata(grant=grant, revoked_by=request.user)
    messages.success(request, f"{grant.user.email} may no longer download this survey's microdata")
    return redirect("analysis:microdata-grants", slug=survey.slug)
