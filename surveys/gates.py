"""Who may start and submit a survey.

Most surveys admit anyone. A staff survey (one with waves, surveys.waves) admits only
staff holding a personal invitation link or signed in, once per wave, and only while a
wave is open. The journey views ask ``refusal`` before starting and call ``submit``; they
know nothing else about staff surveys.

An invitation link puts its token in a signed cookie scoped to the survey's pages: the
server writes nothing when a link is used, so using it leaves no trace to line up with a
response (docs/programmes.md).
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import services
from .waves import selectors as staff_selectors
from .waves import services as staff_services

INVITE_SALT = "people.invitation"
REASONS = {
    "closed": "This staff survey is not open for responses at the moment.",
    "not_invited": "This survey is for staff. Use the personal link in your invitation email, or sign in "
                   "with your staff account.",
    "taken_part": "You have already taken part in this survey. Thank you.",
}


def _invite_cookie(wave) -> str:
    return f"invite-{wave.pk}"


def remember_invitation(response, wave, token: str) -> None:
    """Hold an invitation token in the browser, for the survey's pages only, until the wave closes."""
    days_left = max((wave.closes_on - timezone.localdate()).days + 1, 1)
    response.set_signed_cookie(_invite_cookie(wave), token, salt=INVITE_SALT, max_age=days_left * 86400,
                               path=reverse("surveys:start", kwargs={"slug": wave.survey.slug}),
                               httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)


def _gate(request, survey):
    """(wave, person, reason): reason is None when this browser may answer."""
    if not is_gated(survey):
        return None, None, None
    wave = staff_selectors.wave_open_for(survey)
    if wave is None:
        return None, None, "closed"
    token = request.get_signed_cookie(_invite_cookie(wave), default=None, salt=INVITE_SALT)
    person = staff_services.person_for_token(wave, token) or staff_services.person_for_user(wave, request.user)
    if person is None:
        return wave, None, "not_invited"
    if staff_services.has_taken_part(wave, person):
        return wave, person, "taken_part"
    return wave, person, None


def has_taken_part(request, survey) -> bool:
    """True if this browser's person has taken part in the survey's open wave."""
    return _gate(request, survey)[2] == "taken_part"


def is_gated(survey) -> bool:
    return staff_selectors.wave_list(survey).exists()


def refusal(request, survey):
    """None if this browser may answer ``survey``; otherwise the page explaining why not."""
    _, _, reason = _gate(request, survey)
    return _refuse(request, survey, reason) if reason else None


def submit(request, *, survey, draft):
    """Submit ``draft`` as the journey's last step; for a staff survey, record participation and
    seal the answers in the ballot box instead. Returns None, or the refusal page if this
    browser may not answer."""
    wave, person, reason = _gate(request, survey)
    if reason:
        return _refuse(request, survey, reason)
    if wave is None:
        services.response_submit(draft=draft)
        return None
    try:
        staff_services.staff_response_submit(wave=wave, person=person, draft=draft)
    except staff_services.AlreadySubmitted:
        return None  # a second tap on Submit: show the confirmation again
    except staff_services.NotAllowed:
        return _refuse(request, survey, "taken_part")
    return None


def _refuse(request, survey, reason: str):
    return render(request, "people/not_allowed.html", {"survey": survey, "reason": REASONS[reason],
                                                       "service_name": survey.title}, status=403)
