"""axe-core on every page of every demo survey as a respondent meets it, with JavaScript on
and off: the Citizen's Voice survey in English, Welsh and Arabic (right to left), its Easy
Read variant, passenger safety and the staff survey reached through a personal invitation
link. Each walk goes start, every page of the survey (a few generated answer sets in turn
show them all), an error, save, resume, check your answers, submit and confirmation, in one
browser page at 200% zoom; with JavaScript on, every page is also checked for reflow at 320 px
and 200% zoom and for 24 px targets. No request may go to another host."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from surveys.definition import for_version
from surveys.demo.generate import covering_answer_sets
from surveys.models import ResponseDraft
from surveys.question_types import kind_for
from tests.browser.conftest import draft_answers_put, submitted
from tests.browser.layout import ZOOMED_DESKTOP, layout_problems

pytestmark = pytest.mark.browser

# (survey slug, ?lang= on the start page, who answers it: surveys/demo/personas.py)
WALKS = [
    ("citizens-voice-2026", "en", "resident"),
    ("citizens-voice-2026", "cy", "resident"),
    ("citizens-voice-2026", "ar", "resident"),
    ("citizens-voice-2026-easy-read", "en", "resident"),
    ("passenger-safety", "en", "passenger"),
    ("staff-survey", "en", "staff"),
]
# Pages for a person to look at (docs/testing.md): name, and whether the first question page too.
SCREENSHOTS = {("citizens-voice-2026-easy-read", "en"): ("easy-read", True),
               ("citizens-voice-2026", "ar"): ("arabic", True), ("citizens-voice-2026", "cy"): ("welsh", False)}
# The buttons, by what they do rather than by their words (which are translated).
CONTINUE, SAVE = "button[value=continue]", "button[value=save]"
ONLY_BUTTON = "main form button[type=submit]"


def press(page, selector):
    with page.expect_navigation():
        page.click(selector)


def draft_of(page, survey):
    """The draft named by the browser's signed cookie (tests/foundation/conftest.py Journey.draft)."""
    cookie = next(c for c in page.context.cookies() if c["name"] == f"draft-{survey.pk}")
    return ResponseDraft.objects.get(pk=cookie["value"].strip('"').split(":", 1)[0])


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize(("slug", "language", "audience"), WALKS, ids=[f"{s}-{lang}" for s, lang, _ in WALKS])
def test_every_page_of_the_survey_is_accessible(demo_surveys, live_server, new_page, axe_violations, screenshot,
                                                staff_invitation, slug, language, audience, javascript):
    survey = demo_surveys[slug]
    base = f"{live_server.url}/s/{slug}"
    page = new_page(java_script_enabled=javascript, **ZOOMED_DESKTOP)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    audited, violations = [], []

    def audit(state):
        audited.append(state)
        violations.extend(f"[{state}] {line}" for line in axe_violations(page))
        if javascript:  # layout does not change with JavaScript off here: measure it once
            violations.extend(layout_problems(page, state))

    staff = survey.programme.slug == "staff-engagement"
    if staff:
        link = staff_invitation(survey)
        assert page.goto(f"{base}/").status == 403
        audit("refused: no invitation")
        page.goto(link)
    page.goto(f"{base}/?lang={language}")
    assert page.locator("html").get_attribute("lang") == language
    audit("start page")
    shots, question_shot = SCREENSHOTS.get((slug, language), (None, False)) if javascript else (None, False)
    if shots:
        screenshot(page, f"{shots}-start")
    press(page, ".govuk-button--start")

    draft = draft_of(page, survey)
    definition = for_version(survey.current_version_id)
    # A few answer sets in turn show every page; the fullest goes on to check answers.
    answer_sets, pages = covering_answer_sets(definition, audience=audience, today=timezone.localdate()), []
    for answers in answer_sets:
        draft_answers_put(page, draft, answers)
        for key in [p["key"] for p in definition.visible_pages(answers) if p["key"] not in pages]:
            pages.append(key)
            page.goto(f"{base}/q/{key}/")
            audit(f"page {key}")
            if question_shot and len(pages) == 1:
                screenshot(page, f"{shots}-question")
    assert set(pages) == {p["key"] for p in definition.pages}
    answers = answer_sets[0]
    draft_answers_put(page, draft, answers)

    show_an_error(page, base, definition, draft, answers, audit)
    press(page, SAVE)
    audit("save")
    if staff:  # a sealed draft has no resume code: its key stays in this browser
        page.goto(f"{base}/check/")
    else:
        press(page, ONLY_BUTTON)
        audit("save: resume code")
        code = re.search(r"[A-Z2-9]{5}-[A-Z2-9]{5}", page.inner_text(".govuk-panel__body")).group(0)
        page.goto(f"{base}/resume/?lang={language}")
        audit("resume")
        page.fill("input[name=code]", code)
        press(page, ONLY_BUTTON)
    assert page.url.endswith("/check/"), page.url
    audit("check answers")
    press(page, ONLY_BUTTON)
    assert "/done/" in page.url, page.url
    audit("confirmation")

    assert len(audited) == len(pages) + (6 if staff else 7)
    assert hosts == {urlsplit(live_server.url).netloc}, f"requests to other hosts: {hosts}"
    assert not violations, f"{len(violations)} WCAG A/AA violations:\n" + "\n".join(violations)
    assert submitted(survey)["language"] == language


def show_an_error(page, base, definition, draft, answers, audit):
    """Continue on a page that cannot be accepted, then put it right: the first required
    question emptied or, in a survey where nothing is required, 31 February as a date."""
    shown = definition.visible_pages(answers)
    required = [(p, q) for p in shown for q in p["questions"] if q.get("required")]
    if required:
        where, question = required[0]
        codes = kind_for(question).value_codes(question)
        draft_answers_put(page, draft, {code: value for code, value in answers.items() if code not in codes})
        page.goto(f"{base}/q/{where['key']}/")
        press(page, CONTINUE)
        assert page.locator(".govuk-error-summary").count() == 1
        audit(f"error: {question['code']} left empty")
        page.check(f"input[name={question['code']}] >> nth=0")
        press(page, CONTINUE)
        return
    where, question = next((p, q) for p in shown for q in p["questions"] if q["type"] == "date")
    page.goto(f"{base}/q/{where['key']}/")
    for part, value in (("day", "31"), ("month", "2"), ("year", "1990")):
        page.fill(f"input[name={question['code']}-{part}]", value)
    press(page, CONTINUE)
    assert page.locator(".govuk-error-summary").count() == 1
    audit(f"error: {question['code']} 31 February")
