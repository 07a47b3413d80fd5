"""The respondent journey: start, one page per question (or close group), check, confirm.

Every step works without JavaScript: forms post and redirect. Views stay thin: they find
the draft, call a service and render.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import gates, journey, services, variants
from .question_types import AnswerErrors, kind_for

LONG_SURVEY = 4  # pages from which a page says where it is ("Page 2 of 5")
DATE_PARTS = [("day", 2, gettext_lazy("Day")), ("month", 2, gettext_lazy("Month")),
              ("year", 4, gettext_lazy("Year"))]


def _page_context(survey, definition, draft, **extra):
    language = draft.language if draft else "en"
    return {"survey": survey, "meta": definition.data["survey"], "page_lang": language, "date_parts": DATE_PARTS,
            "page_dir": journey.text_direction(language), "service_name": definition.data["survey"]["title"], **extra}


@require_http_methods(["GET"])
def survey_start(request, slug):
    survey = journey.open_survey(slug)
    if refused := gates.refusal(request, survey):
        return refused
    definition = journey.for_version(survey.current_version_id)
    languages = sorted(definition.data.get("translations", {}))
    language = journey.chosen_language(definition, journey.requested_language(request))
    journey.use_language(request, language)
    definition = definition.translated(language)
    draft = journey.current_draft(request, survey)
    context = _page_context(survey, definition, None, existing_draft=draft, channel=request.GET.get("c", "")[:60],
                            languages=languages, language=language, easy_read=variants.open_variant(survey),
                            standard=journey.open_standard(survey))
    context.update(page_lang=language, page_dir=journey.text_direction(language))
    return render(request, "surveys/start.html", context)


@require_POST
def survey_begin(request, slug):
    survey = journey.open_survey(slug)
    if refused := gates.refusal(request, survey):
        return refused
    languages = journey.for_version(survey.current_version_id).data.get("translations", {})
    language = request.POST.get("language") if request.POST.get("language") in languages else "en"
    draft = services.response_start(survey=survey, channel_code=request.POST.get("channel"), language=language,
                                    sealed=gates.is_gated(survey))
    definition = journey.definition_for(draft)
    response = redirect("surveys:page", slug=slug, page_key=definition.visible_pages({})[0]["key"])
    journey.remember_draft(response, survey, draft)
    return response


@require_http_methods(["GET", "POST"])
def survey_page(request, slug, page_key):
    survey = journey.open_survey(slug)
    draft = journey.current_draft(request, survey)
    if draft is None:
        messages.info(request, _("Start the survey, or use your resume code to carry on."))
        return redirect("surveys:start", slug=slug)
    journey.use_language(request, draft.language)
    definition = journey.definition_for(draft)
    page = definition.page_by_key.get(page_key)
    if page is None:
        raise Http404("No such page")
    if page not in definition.visible_pages(draft.answers):
        return redirect(_next_url(slug, definition, page_key, draft.answers))
    values, errors = draft.answers, {}
    if request.method == "POST":
        raw = {k: v for q in page["questions"] for k, v in kind_for(q).from_form(q, request.POST).items()}
        try:
            services.response_save_page(draft=draft, page=page, raw=raw)
        except AnswerErrors as exc:
            errors, values = exc.errors, {**draft.answers, **_redisplay(page, raw)}
        else:
            if request.POST.get("action") == "save":
                return redirect("surveys:save", slug=slug)
            if request.GET.get("change") and not journey.first_page_needing_answers(definition, draft.answers):
                return redirect("surveys:check", slug=slug)
            return redirect(_next_url(slug, definition, page_key, draft.answers))
    if errors and request.POST.get("action") == "save":
        return redirect("surveys:save", slug=slug)
    questions = definition.questions_to_show(page, values)
    shown = [p["key"] for p in definition.visible_pages(draft.answers)]
    progress = (shown.index(page_key) + 1, len(shown)) if len(shown) >= LONG_SURVEY and page_key in shown else None
    context = _page_context(survey, definition, draft, page=page, questions=questions, values=values, progress=progress,
                            revealed=definition.revealed_by_page[page_key],
                            question_is_heading=not page.get("title") and len(questions) == 1,
                            errors=errors, error_list=_error_list(questions, errors),
                            back_url=_back_url(slug, definition, page_key, draft.answers))
    return render(request, "surveys/page.html", context)


def _redisplay(page, raw):
    """What the respondent typed, so a page with errors keeps their answers."""
    return {k: v for k, v in raw.items() if v not in (None, "", [])}


def _error_list(questions, errors):
    order = [code for q in questions for code in kind_for(q).value_codes(q)]
    return [(code, errors[code]) for code in order if code in errors]


def _next_url(slug, definition, page_key, answers):
    following = definition.page_after(page_key, answers)
    if following is None:
        return reverse("surveys:check", kwargs={"slug": slug})
    return reverse("surveys:page", kwargs={"slug": slug, "page_key": following["key"]})


def _back_url(slug, definition, page_key, answers):
    pages = [p["key"] for p in definition.visible_pages(answers)]
    if page_key in pages and pages.index(page_key) > 0:
        return reverse("surveys:page", kwargs={"slug": slug, "page_key": pages[pages.index(page_key) - 1]})
    return reverse("surveys:start", kwargs={"slug": slug})


@require_http_methods(["GET", "POST"])
def survey_check(request, slug):
    survey = journey.open_survey(slug)
    draft = journey.current_draft(request, survey)
    if draft is None:
        if request.method == "POST" and (request.COOKIES.get(f"done-{survey.pk}")
                                         or journey.draft_was_submitted(request, survey)
                                         or gates.has_taken_part(request, survey)):
            return redirect("surveys:done", slug=slug)  # a second tap on Submit
        return redirect("surveys:start", slug=slug)
    journey.use_language(request, draft.language)
    definition = journey.definition_for(draft)
    missing = journey.first_page_needing_answers(definition, draft.answers)
    if missing is not None:
        if request.method == "POST":
            messages.info(request, _("Answer this question before you submit."))
        return redirect("surveys:page", slug=slug, page_key=missing["key"])
    if request.method == "POST":
        if refused := gates.submit(request, survey=survey, draft=draft):
            return refused
        response = redirect(journey.with_language(reverse("surveys:done", kwargs={"slug": slug}), draft.language))
        journey.forget_draft(response, survey)
        response.set_cookie(f"done-{survey.pk}", "1", max_age=3600, httponly=True, samesite="Lax")
        return response
    rows = [(page, q, kind_for(q).display(q, draft.answers))
            for page in definition.visible_pages(draft.answers)
            for q in definition.visible_questions(page, draft.answers)]
    last_page = definition.visible_pages(draft.answers)[-1]["key"]
    context = _page_context(survey, definition, draft, rows=rows,
                            back_url=reverse("surveys:page", kwargs={"slug": slug, "page_key": last_page}))
    return render(request, "surveys/check.html", context)


def survey_done(request, slug):
    survey = journey.open_survey(slug)
    definition = journey.for_version(survey.current_version_id)
    language = journey.chosen_language(definition, request.GET.get("lang"))
    journey.use_language(request, language)
    context = _page_context(survey, definition.translated(language), None, page_lang=language,
                            page_dir=journey.text_direction(language))
    return render(request, "surveys/done.html", context)


@require_http_methods(["GET", "POST"])
def survey_save(request, slug):
    """Save and come back later: give a code and link that resume the draft on any device."""
    survey = journey.open_survey(slug)
    draft = journey.current_draft(request, survey)
    if draft is None:
        return redirect("surveys:start", slug=slug)
    journey.use_language(request, draft.language)
    definition = journey.definition_for(draft)
    code, sealed = None, draft.sealed is not None
    if request.method == "POST" and not sealed:
        code = services.draft_issue_resume_code(draft=draft)
    link = request.build_absolute_uri(reverse("surveys:resume-link", kwargs={"slug": slug, "code": code})) \
        if code else None
    return render(request, "surveys/save.html", _page_context(survey, definition, draft, code=code, link=link,
                                                                     sealed=sealed))


@require_http_methods(["GET", "POST"])
def survey_resume(request, slug, code=None):
    """Carry on with a resume code, typed (POST) or from the link. Either way the code is spent on
    first use and the browser gets the draft cookie instead, and the link redirects to a page whose
    address holds no code: what an access log keeps of it opens nothing."""
    survey = journey.open_survey(slug)
    definition = journey.for_version(survey.current_version_id)
    language = journey.chosen_language(definition, request.POST.get("lang") or request.GET.get("lang"))
    journey.use_language(request, language)
    from_link = code is not None
    code = code or request.POST.get("code", "")
    error = None
    if code or request.method == "POST":
        draft = services.draft_resume(survey=survey, code=code)
        if draft is not None:
            definition = journey.definition_for(draft)
            target = journey.resume_page(definition, draft.answers)
            url = reverse("surveys:page", kwargs={"slug": slug, "page_key": target["key"]}) if target \
                else reverse("surveys:check", kwargs={"slug": slug})
            response = redirect(url)
            journey.remember_draft(response, survey, draft)
            return response
        if from_link:
            error, code = _("This link has been used or has expired. Enter a new resume code, or start again"), ""
        elif not code.strip():
            error = _("Enter the resume code you were given, like ABCDE-23456")
        else:
            error = _("No saved answers match that code. Check it and try again")
    context = _page_context(survey, definition.translated(language), None, error=error, code=code,
                            page_lang=language, page_dir=journey.text_direction(language))
    return render(request, "surveys/resume.html", context)
