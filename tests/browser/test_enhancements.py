"""What JavaScript adds on respondent pages, and that the pages work the same without it:
a question that depends on an answer on the same page is revealed as that answer is given,
and a long answer shows how many characters are left (GOV.UK character count)."""

import pytest
from playwright.sync_api import expect

from surveys.models import Response

pytestmark = pytest.mark.browser

TRAVEL = {
    "schema": 1,
    "survey": {"slug": "travel", "title": "Travel", "description": "How you travel.", "time_needed": "1 minute",
               "privacy_notice": "", "min_group_size": 10, "programme": "citizens-voice"},
    "pages": [{"key": "travel", "title": "Your travel", "questions": [
        {"code": "uses_bus", "type": "single", "text": "Do you use the bus?", "required": True,
         "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
        {"code": "bus_route", "type": "text", "text": "Which route do you use most?", "required": True,
         "condition": {"question": "uses_bus", "equals": "yes"}},
        {"code": "bus_trouble", "type": "long_text", "text": "What goes wrong?", "max_length": 20,
         "condition": {"all": [{"question": "uses_bus", "answered": True},
                               {"not": {"question": "uses_bus", "in": ["no"]}}]}},
    ]}],
}


@pytest.fixture
def travel_survey(published_survey, live_server):
    return published_survey(TRAVEL)


def start(new_page, live_server, survey, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(f"{live_server.url}/s/{survey.slug}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    return page


def submit(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def test_questions_are_revealed_as_answers_are_given_and_the_count_shows_what_is_left(
        travel_survey, live_server, new_page, axe_violations):
    page = start(new_page, live_server, travel_survey, javascript=True)
    route, trouble = page.get_by_label("Which route do you use most?"), page.get_by_label("What goes wrong?")
    expect(route).to_be_hidden()
    expect(trouble).to_be_hidden()
    page.get_by_label("Yes").check()
    expect(route).to_be_visible()
    expect(trouble).to_be_visible()
    page.get_by_label("No").check()
    expect(route).to_be_hidden()
    page.get_by_label("Yes").check()
    assert axe_violations(page) == []

    route.fill("10A")
    trouble.fill("Late in the morning")  # 19 of 20
    expect(page.locator("#bus_trouble-info + .govuk-character-count__status")).to_have_text(
        "You have 1 character remaining")
    trouble.fill("Late in the mornings, too")
    expect(page.locator(".govuk-character-count__status")).to_have_text("You have 5 characters too many")
    submit(page)
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").inner_text().count("20 characters or fewer") == 1
    expect(page.get_by_label("Which route do you use most?")).to_be_visible()  # shown again with the answer

    page.get_by_label("What goes wrong?").fill("Late")
    submit(page)
    assert page.url.endswith("/check/")
    assert Response.objects.count() == 0
    assert page.get_by_text("10A").count() == 1


def test_without_javascript_every_question_shows_and_only_what_applies_is_kept(
        travel_survey, live_server, new_page):
    page = start(new_page, live_server, travel_survey, javascript=False)
    assert page.get_by_label("Which route do you use most?").is_visible()
    assert page.locator("#bus_trouble-info").inner_text() == "You can enter up to 20 characters"
    page.get_by_label("No").check()
    page.get_by_label("Which route do you use most?").fill("Never mind")  # typed before choosing No
    submit(page)
    assert page.url.endswith("/check/")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit your answers").click()
    assert Response.objects.get().answers == {"uses_bus": "no"}


def test_a_revealed_question_is_answered_with_the_keyboard_alone(travel_survey, live_server, new_page):
    from surveys.definition import for_version
    from tests.browser.keyboard import KeyboardRespondent

    page = new_page()
    robot = KeyboardRespondent(page, for_version(travel_survey.current_version_id), plan={"uses_bus": "yes"})
    page.goto(f"{live_server.url}/s/{travel_survey.slug}/")
    robot.start()
    robot.answer_pages()  # Space on "Yes" reveals the route and the long answer; Tab reaches them
    assert page.url.endswith("/check/")
    robot.submit()
    answers = Response.objects.get().answers
    assert answers["uses_bus"] == "yes" and answers["bus_route"] and answers["bus_trouble"]
    assert not robot.problems, "\n".join(robot.problems)
