"""Staff survey waves for analysts and administrators, and the invitation link staff follow.

No page here lists who took part or who answered what: only counts by directorate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from engagement import access
from engagement.models import Role

from .. import gates
from ..services import RowErrors
from . import selectors as staff_selectors
from . import services as staff_services
from .forms import StaffImportForm, WaveForm
from .models import StaffMember, Wave

MAX_ROW_ERRORS_SHOWN = 50


def _wave_for(user, pk, role) -> Wave:
    wave = get_object_or_404(Wave.objects.select_related("survey__programme"), pk=pk)
    access.require_role(user, role, wave.survey.programme)
    return wave


@login_required
def wave_list(request):
    if not access.programmes_for(request.user, Role.ANALYST).exists():
        raise PermissionDenied("This needs the analyst role.")
    context = {"waves": staff_selectors.wave_list_for_user(request.user),
               "can_create": access.programmes_for(request.user, Role.ADMINISTRATOR).exists()}
    return render(request, "people/wave_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def wave_create(request):
    programmes = access.programmes_for(request.user, Role.ADMINISTRATOR)
    if not programmes.exists():
        raise PermissionDenied("This needs the administrator role.")
    form = WaveForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        wave = form.save()
        messages.success(request, f"Wave {wave.name} created")
        return redirect("people:wave", pk=wave.pk)
    return render(request, "people/wave_form.html", {"form": form})


@login_required
def wave_detail(request, pk):
    wave = _wave_for(request.user, pk, Role.ANALYST)
    rows, total = staff_selectors.response_rates(wave)
    context = {"wave": wave, "rows": rows, "total": total, "min_group": wave.survey.min_group_size,
               "listed": wave.staff.count(), "invited": wave.staff.filter(invited_on__isnull=False).count(),
               "is_administrator": access.user_has_role(request.user, Role.ADMINISTRATOR, wave.survey.programme)}
    return render(request, "people/wave_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request, pk):
    wave = _wave_for(request.user, pk, Role.ADMINISTRATOR)
    form, problems = StaffImportForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        try:
            added, updated = staff_services.staff_import(wave=wave, content=form.cleaned_data["file"].read(),
                                                         actor=request.user)
        except RowErrors as exc:
            problems = exc.problems
        else:
            messages.success(request, f"Staff list loaded: {added} added, {updated} updated")
            return redirect("people:wave", pk=wave.pk)
    context = {"wave": wave, "form": form, "problems": problems[:MAX_ROW_ERRORS_SHOWN],
               "more_problems": max(len(problems) - MAX_ROW_ERRORS_SHOWN, 0)}
    return render(request, "people/staff_import.html", context, status=400 if problems else 200)


@login_required
@require_POST
def invitations_send(request, pk):
    wave = _wave_for(request.user, pk, Role.ADMINISTRATOR)
    reminders = request.POST.get("reminders") == "1"
    sent = staff_services.invitations_send(
        wave=wave, reminders=reminders, actor=request.user,
        link_for=lambda token: request.build_absolute_uri(reverse("people:invite", kwargs={"token": token})))
    messages.success(request, f"{'Reminders' if reminders else 'Invitations'} sent: {sent}")
    return redirect("people:wave", pk=wave.pk)


@login_required
@require_POST
def wave_erase(request, pk):
    wave = _wave_for(request.user, pk, Role.ADMINISTRATOR)
    try:
        staff_services.wave_erase_people(wave=wave, actor=request.user)
    except staff_services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Staff list and participation records erased; the counts are kept")
    return redirect("people:wave", pk=wave.pk)


def invite(request, token):
    """A personal link: hold the token in this browser and go to the survey. Nothing is
    written on the server, so following the link leaves no trace to line up with answers."""
    member = StaffMember.objects.filter(invitation_hash=staff_services.token_hash(token[:100])) \
        .select_related("wave__survey").first()
    wave = member.wave if member else None
    if wave is None or not wave.is_open or not wave.survey.is_open:
        return render(request, "people/invite_invalid.html", status=404)
    response = redirect("surveys:start", slug=wave.survey.slug)
    gates.remember_invitation(response, wave, token)
    return response
