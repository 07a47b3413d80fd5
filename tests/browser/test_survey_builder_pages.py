"""An author builds a survey with a grid and a route entirely through the builder's pages,
changes a question, previews the draft (in Welsh too) and publishes it; then a respondent
answers it. On a 375 px phone with JavaScript and at 320 px without, axe-clean throughout."""

import pytest

from surveys.models import Response, Survey
from tests.browser.layout import PHONE_320, sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MODE = "How do you usually travel?"


def _click(page, target):
    """Click a link or button and wait for the page it leads to (axe must not run mid-way)."""
    with page.expect_navigation():
        target.click()


def _add_question(page, number, kind, fields, axe_violations, problems):
    _click(page, page.get_by_role("link", name=f"Add a question to page {number}"))
    page.get_by_label(kind, exact=True).check()
    _click(page, page.get_by_role("button", name="Continue"))
    problems += axe_violations(page)
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    _click(page, page.get_by_role("button", name="Save question"))


def _build(page, base, axe_violations, problems, screenshot):
    page.goto(f"{base}/staff/surveys/")
    _click(page, page.get_by_role("link", name="Create a survey"))
    problems += axe_violations(page)
    page.get_by_label("Programme").select_option(label="Citizen's Voice")
    page.get_by_label("Title").fill("Travel 2026")
    page.get_by_label("Description (optional)").fill("How you get about the city region")
    _click(page, page.get_by_role("button", name="Create survey"))
    for title in ["How you travel", "Buses"]:
        page.get_by_label("Page title").fill(title)
        _click(page, page.get_by_role("button", name="Add page"))
    problems += axe_violations(page)

    _add_question(page, 1, "Single choice", {"Question": "How do you travel?", "Answers": "Bus\nTrain\nWalk"},
                  axe_violations, problems)
    _click(page, page.get_by_role("link", name="Change question: How do you travel?"))
    assert page.get_by_label("Answers").input_value() == "Bus\nTrain\nWalk"
    assert page.get_by_label("Lowest point").count() == 0  # a choice question has no scale
    page.get_by_label("Question", exact=True).fill(MODE)
    page.get_by_label("Respondents must answer this question").check()
    problems += axe_violations(page)
    _click(page, page.get_by_role("button", name="Save question"))
    page.wait_for_selector("text=Question saved")

    _add_question(page, 2, "Grid of scale items", {"Question": "How far do you agree?", "Lowest point": "1",
                                                   "Highest point": "5", "What the lowest point means (optional)":
                                                   "Strongly disagree", "What the highest point means (optional)":
                                                   "Strongly agree"}, axe_violations, problems)
    for statement in ["Buses are on tme", "Buses are clean"]:
        page.get_by_label("Statement").fill(statement)
        _click(page, page.get_by_role("button", name="Add statement"))
    _click(page, page.get_by_role("link", name="Change statement 1"))
    page.get_by_label("Statement").fill("Buses are on time")
    _click(page, page.get_by_role("button", name="Save statement"))
    page.wait_for_selector("text=Statement saved")
    problems += axe_violations(page)
    _click(page, page.get_by_role("link", name="Done"))

    _click(page, page.get_by_role("link", name="Add a route to page 2"))
    problems += axe_violations(page)
    page.get_by_label("Show this page only if").select_option(label=f"the answer to “{MODE}” is “Bus”")
    _click(page, page.get_by_role("button", name="Save route"))
    assert f"Shown only when the answer to “{MODE}” is “Bus”." in page.inner_text("main")
    problems += axe_violations(page)
    if screenshot:
        screenshot(page, "survey-builder", "main h1")

    _click(page, page.get_by_role("link", name="Preview"))
    preview = page.locator(".app-preview")
    assert preview.get_by_role("group", name=MODE).is_visible()
    assert preview.get_by_role("group", name="Buses are on time").get_by_label("5 – Strongly agree").count() == 1
    assert f"Shown only when the answer to “{MODE}” is “Bus”." in preview.inner_text()
    assert preview.locator("form").count() == 0  # nothing in a preview can be sent
    problems += axe_violations(page)
    if screenshot:
        screenshot(page, "survey-builder-preview", ".app-preview")
    _click(page, page.get_by_role("link", name="Back to the builder").first)

    _click(page, page.get_by_role("link", name="Review changes and publish"))
    assert f"New question: {MODE}" in page.inner_text("main")
    problems += axe_violations(page)
    _click(page, page.get_by_role("button", name="Publish version 1"))
    page.wait_for_selector("text=Published version 1. The survey is open.")


def _answer(page, base, axe_violations, problems):
    page.goto(f"{base}/s/travel-2026/")
    _click(page, page.get_by_role("button", name="Start now"))
    _click(page, page.get_by_role("button", name="Continue"))  # nothing chosen: the question is required
    page.wait_for_selector(".govuk-error-summary")
    problems += axe_violations(page)
    page.get_by_label("Bus", exact=True).check()
    _click(page, page.get_by_role("button", name="Continue"))
    assert page.get_by_role("heading", name="Buses").is_visible()  # the route takes a bus rider here
    problems += axe_violations(page)
    for statement, point in [("Buses are on time", "4"), ("Buses are clean", "2")]:
        page.get_by_role("group", name=statement).locator(f"input[value='{point}']").check()
    _click(page, page.get_by_role("button", name="Continue"))
    assert "Check your answers" in page.title()
    problems += axe_violations(page)
    _click(page, page.get_by_role("button", name="Submit your answers"))
    page.wait_for_selector("text=Answers submitted")
    survey = Survey.objects.get(slug="travel-2026")
    (response,) = Response.objects.filter(survey=survey)
    codes = {item["code"]: item["text"] for item in survey.pages.get(key="buses").questions.get().items}
    assert response.answers == {"how_do_you_travel": "bus", **{
        code: {"Buses are on time": 4, "Buses are clean": 2}[text] for code, text in codes.items()}}


def _walk(author_page, respondent_page, base, axe_violations, screenshot=None):
    problems: list[str] = []
    _build(author_page, base, axe_violations, problems, screenshot)
    _answer(respondent_page, base, axe_violations, problems)
    return problems


def test_with_javascript_on_a_phone(live_server, transactional_db, new_page, author, axe_violations,
                                    sign_in_browser, docs_screenshots):
    author_page = sign_in_browser(new_page(viewport=PHONE), author)
    problems = _walk(author_page, new_page(viewport=PHONE), live_server.url, axe_violations, docs_screenshots)
    assert not problems, "\n".join(problems)
    docs_screenshots.publish()


def test_without_javascript_at_320px(live_server, transactional_db, new_page, author, axe_violations,
                                     sign_in_browser):
    author_page = sign_in_browser(new_page(viewport=PHONE_320, java_script_enabled=False), author)
    respondent_page = new_page(viewport=PHONE_320, java_script_enabled=False)
    problems = _walk(author_page, respondent_page, live_server.url, axe_violations)
    assert not problems, "\n".join(problems)
    for page in (author_page, respondent_page):
        assert not sideways_scroll(page), f"{page.url} scrolls sideways at 320 px"
