"""The respondent's place in a survey: which draft they hold and where they go next.

The browser keeps only a signed cookie naming its draft; answers live on the server, so
Back, reload, a dead phone or another device (with a resume code) lose nothing. A staff
survey's draft is sealed: the browser also holds the key to its answers (a second cookie),
and the server keeps only ciphertext.
"""

import base64
import uuid

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from .definition import for_version
from .models import Response, ResponseDraft, Survey
from .question_types import kind_for
from .services import draft_open

COOKIE_AGE = 60 * 60 * 24 * 30
RTL_LANGUAGES = {"ar", "ur", "fa", "he", "ps", "ku"}


def cookie_name(survey: Survey) -> str:
    return f"draft-{survey.pk}"


def open_survey(slug: str) -> Survey:
    return get_object_or_404(Survey.objects.select_related("current_version"), slug=slug,
                             status=Survey.Status.OPEN, current_version__isnull=False)


def current_draft(request, survey: Survey) -> ResponseDraft | None:
    draft_id = request.get_signed_cookie(cookie_name(survey), default=None, salt="surveys.draft",
                                         max_age=COOKIE_AGE)
    if not draft_id:
        return None
    draft = ResponseDraft.objects.filter(pk=draft_id, survey=survey).first()
    if draft is not None and draft.sealed is not None and not draft_open(draft, _browser_key(request, survey)):
        return None
    return draft


def _key_cookie(survey: Survey) -> str:
    return f"draft-key-{survey.pk}"


def _browser_key(request, survey: Survey) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(request.COOKIES.get(_key_cookie(survey), ""))
    except ValueError:
        return None


def draft_was_submitted(request, survey: Survey) -> bool:
    """True if this browser's draft cookie names a draft already turned into a response
    (a second tap on Submit sent before the first one's reply arrived)."""
    draft_id = request.get_signed_cookie(cookie_name(survey), default=None, salt="surveys.draft",
                                         max_age=COOKIE_AGE)
    try:
        key = uuid.UUID(draft_id).hex if draft_id else None
    except ValueError:
        return False
    return key is not None and Response.objects.filter(survey=survey, submission_key=key).exists()


def remember_draft(response, survey: Survey, draft: ResponseDraft) -> None:
    response.set_signed_cookie(cookie_name(survey), str(draft.pk), salt="surveys.draft", max_age=COOKIE_AGE,
                               httponly=True, samesite="Lax", secure=_secure())
    if getattr(draft, "browser_key", None):  # a sealed draft: its key lives only in this browser
        response.set_cookie(_key_cookie(survey), base64.urlsafe_b64encode(draft.browser_key).decode(),
                            max_age=COOKIE_AGE, path=_survey_path(survey), httponly=True, samesite="Lax",
                            secure=_secure())


def forget_draft(response, survey: Survey) -> None:
    response.delete_cookie(cookie_name(survey), samesite="Lax")
    response.delete_cookie(_key_cookie(survey), path=_survey_path(survey), samesite="Lax")


def _survey_path(survey: Survey) -> str:
    return reverse("surveys:start", kwargs={"slug": survey.slug})


def _secure() -> bool:
    from django.conf import settings

    return getattr(settings, "SESSION_COOKIE_SECURE", False)


def definition_for(draft: ResponseDraft):
    return for_version(draft.version_id, draft.language)


def first_page_needing_answers(definition, answers: dict) -> dict | None:
    """The first shown page with a required question still unanswered (None: all done)."""
    for page in definition.visible_pages(answers):
        for q in definition.visible_questions(page, answers):
            if q.get("required") and not _answered(definition, q, answers):
                return page
    return None


def resume_page(definition, answers: dict) -> dict | None:
    """Where someone carrying on should land: the page after the furthest one they answered
    (questions they passed over on the way, such as age when they gave a date of birth, stay
    passed over), or earlier if a required answer is missing; None: Check your answers."""
    pages = definition.visible_pages(answers)
    reached = [i for i, page in enumerate(pages) for q in definition.visible_questions(page, answers)
               if any(code in answers for code in kind_for(q).value_codes(q))]
    following = max(reached, default=-1) + 1
    needing = first_page_needing_answers(definition, answers)
    if needing is not None and pages.index(needing) < following:
        return needing
    return pages[following] if following < len(pages) else None


def _answered(definition, q: dict, answers: dict) -> bool:
    return all(code in answers for code in kind_for(q).value_codes(q))


def text_direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"


def chosen_language(definition, requested: str | None) -> str:
    """The requested language if the survey is translated into it; English otherwise."""
    return requested if requested in definition.data.get("translations", {}) else "en"


def requested_language(request) -> str:
    """The language a first visit asks for: ``?lang=`` (the start page's links), else what the
    browser says it reads (Accept-Language), so a Welsh phone opens a survey in Welsh."""
    return request.GET.get("lang") or translation.get_language_from_request(request)


def use_language(request, language: str) -> None:
    """Show the journey's own words (buttons, hints, messages) in the respondent's language,
    whatever the browser asks for: the language chosen on the start page wins."""
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()


def with_language(url: str, language: str) -> str:
    return url if language == "en" else f"{url}?{urlencode({'lang': language})}"


def open_standard(survey: Survey) -> Survey | None:
    """For a variant (e.g. Easy Read), the standard survey, if it is open."""
    main = survey.variant_of
    return main if main is not None and main.is_open else None
