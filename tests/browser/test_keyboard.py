"""Each programme's survey completed with the keyboard alone (JavaScript on), checking on every
page what keyboard, phone and magnifier users need: visible focus in document order, no trap,
no sideways scrolling at 320 px or at 200% zoom, targets of at least 24 x 24 px. A failed
submit moves focus to the error summary, and its link to the field."""


import pytest

from surveys.definition import for_version
from surveys.question_types import kind_for
from tests.browser.conftest import submitted
from tests.browser.keyboard import KeyboardRespondent
from tests.browser.layout import ZOOMED_DESKTOP, layout_problems

pytestmark = pytest.mark.browser

# Steering the answers through conditional pages, exclusive "none" boxes and special answers;
# everything else gets the first option. ``stored``: what the response must then hold.
JOURNEYS = {
    "citizens-voice-2026": {
        "plan": {"services_used": ["bus", "rail"], "ethnic_group_broad": "asian", "religion": "prefer_not_to_say"},
        "stored": {"services_used": ["bus", "rail"], "ethnic_group_asian": "indian", "religion": "prefer_not_to_say"},
        "screenshots": {"area": "single-choice", "eq-ethnic-group": "equality-ethnic-group"},
    },
    "passenger-safety": {
        "plan": {"modes_used": ["bus", "ferry"], "safe_ferry_wait_dark": "dont_travel",
                 "incidents_experienced": ["hate_incident"], "incident_reported": ["no"],
                 # "None" is exclusive: ticking it unticks wheelchair (GOV.UK Frontend's checkboxes).
                 "access_needs": ["wheelchair", "none"]},
        "stored": {"safe_ferry_wait_dark": "dont_travel", "hate_characteristic": ["race"],
                   "not_reported_reason": ["not_serious"], "access_needs": ["none"]},
        "screenshots": {"safe-bus-dark": "question-group"},
    },
    "staff-survey": {
        "plan": {"disability_condition": "no"},
        "stored": {"edi_respect": 1, "directorate": "corporate_services", "disability_condition": "no"},
        "screenshots": {"edi": "scale-1-to-7-grid"},
    },
}


@pytest.mark.parametrize("slug", JOURNEYS)
def test_each_programme_survey_is_completed_with_the_keyboard_alone(
        slug, demo_surveys, live_server, new_page, screenshot, staff_invitation):
    survey, journey = demo_surveys[slug], JOURNEYS[slug]
    definition = for_version(survey.current_version_id)
    page = new_page(**ZOOMED_DESKTOP)
    robot = KeyboardRespondent(page, definition, plan=journey["plan"])
    problems = []

    def check(name):
        problems.extend(layout_problems(page, name))
        if name in journey["screenshots"] or name in ("start", "check-answers", "confirmation"):
            screenshot(page, f"{slug}-{journey['screenshots'].get(name, name)}")

    start = staff_invitation(survey) if slug == "staff-survey" else f"{live_server.url}/s/{slug}/"
    page.goto(start)
    assert page.url == f"{live_server.url}/s/{slug}/"
    assert page.evaluate("[innerWidth, devicePixelRatio]") == [640, 2]  # 1280 px at 200% zoom
    check("start")
    robot.start()
    robot.answer_pages(on_page=check)
    assert page.url.endswith("/check/")
    check("check-answers")
    robot.submit()
    assert page.url.endswith("/done/")
    check("confirmation")

    stored = submitted(survey)["answers"]
    unanswered = [key for key in robot.visited if not any(
        code in stored for q in definition.page_by_key[key]["questions"] for code in kind_for(q).value_codes(q))]
    assert not unanswered, f"pages answered but not stored: {unanswered}"
    assert {code: stored.get(code) for code in journey["stored"]} == journey["stored"]
    assert len(robot.visited) >= 20
    assert not robot.problems + problems, "\n".join(robot.problems + problems)


def test_a_failed_submit_moves_focus_to_the_error_summary_and_its_link_to_the_field(
        demo_surveys, live_server, new_page, screenshot):
    survey = demo_surveys["citizens-voice-2026"]
    page = new_page()
    robot = KeyboardRespondent(page, for_version(survey.current_version_id))
    page.goto(f"{live_server.url}/s/{survey.slug}/")
    robot.start()
    robot.tab_to(lambda e: e["value"] == "continue")  # nothing answered
    robot.press_enter_and_wait()
    follow_the_error_summary_to(robot, "local_authority")
    screenshot(page, "citizens-voice-error")
    robot.answer_page()  # from the field the link focused, the page can be answered and sent
    assert "/q/satisfaction/" in page.url

    page.goto(f"{live_server.url}/s/{survey.slug}/resume/")
    screenshot(page, "citizens-voice-resume")
    robot.tab_to(lambda e: e["name"] == "code")
    page.keyboard.type("WRONG-CODE2")
    robot.press_enter_and_wait()
    follow_the_error_summary_to(robot, "code")
    assert not robot.problems, "\n".join(robot.problems)


def follow_the_error_summary_to(robot, field_id):
    """GOV.UK's error summary takes focus when the page loads; Tab reaches its first link, and
    Enter on the link moves focus to the field it names."""
    page = robot.page
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").get_attribute("data-module") == "govuk-error-summary"
    page.wait_for_function("document.activeElement.matches('.govuk-error-summary')")
    link = robot.tab()
    assert link["tag"] == "a" and link["inErrorSummary"], link
    page.keyboard.press("Enter")
    page.wait_for_function("(id) => document.activeElement.id === id", arg=field_id)
    assert robot.focused()["indicated"], f"{page.url}: the field the error link focused shows no focus"
