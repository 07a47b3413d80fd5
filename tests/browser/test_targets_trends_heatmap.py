"""An administrator sets a target on the staff pages and sees it on the board, then opens a
trend and a heat map: on a 375 px phone with JavaScript and at 320 px without, axe-clean."""

import datetime
import random

import pytest
from django.utils import timezone

from analysis.models import Target
from engagement.models import AuditEvent
from surveys.definition import for_version
from surveys.demo.generate import generate_answers
from surveys.services import responses_bulk_create
from tests.browser.layout import PHONE_320, sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def survey(demo_surveys):
    survey = demo_surveys["citizens-voice-2026"]
    rng, today = random.Random(18), timezone.localdate()
    definition = for_version(survey.current_version_id)
    rows = [{"answers": generate_answers(definition, rng, audience="resident", today=today),
             "submitted_on": today - datetime.timedelta(days=i % 200)} for i in range(240)]
    responses_bulk_create(survey=survey, rows=rows, source="web")
    return survey


def _set_a_target(page, base, survey, axe_violations, problems):
    page.goto(f"{base}/staff/analysis/{survey.slug}/targets/")
    page.get_by_role("link", name="Add, edit or retire targets").click()
    page.get_by_role("link", name="Add a target").click()
    problems += axe_violations(page)
    page.get_by_role("button", name="Save target").click()  # nothing filled in
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    problems += axe_violations(page)  # the error state
    page.get_by_label("Name", exact=True).fill("Satisfied with the area")
    page.get_by_label("Mean score").check()
    page.get_by_label("How satisfied are you with your local area as a place to live? (satisfaction)").check()
    page.get_by_label("At least the threshold").check()
    page.get_by_label("Threshold", exact=True).fill("3.5")
    page.get_by_role("group", name="Groups (optional)").get_by_label("Sex", exact=True).check()
    page.get_by_role("button", name="Save target").click()
    page.wait_for_selector("text=Target ‘Satisfied with the area’ saved")
    problems += axe_violations(page)
    assert Target.objects.filter(name="Satisfied with the area", characteristics=["sex"], threshold=3.5).exists()
    assert AuditEvent.objects.filter(action="target.create", target="Satisfied with the area").exists()


def _walk(page, base, survey, axe_violations, screenshot=None):
    problems: list[str] = []
    _set_a_target(page, base, survey, axe_violations, problems)

    page.get_by_role("link", name="See the targets board").click()
    page.get_by_label("Groups of").select_option("sex")
    page.get_by_role("button", name="Show groups").click()
    board = page.locator("table.app-board")
    assert "Satisfied with the area" in board.inner_text()
    assert board.locator(".govuk-tag").count() >= 3  # Everyone, Female, Male (at least)
    assert page.locator("main svg").count() == 0  # one grid, not a chart per group
    problems += axe_violations(page)
    if screenshot:
        screenshot(page, "targets-board", "#board-summary")

    page.get_by_role("link", name="Trend of How satisfied are you with your local area as a place to live?").click()
    page.get_by_label("By", exact=True).select_option("quarter")
    page.get_by_role("button", name="Show trend").click()
    assert page.locator("main svg[role=img]").count() == 1
    assert page.get_by_role("table").first.locator("tbody tr").count() >= 2
    assert "Change from one quarter to the next" in page.content()
    problems += axe_violations(page)
    if screenshot:
        screenshot(page, "trend", "main h2")

    page.get_by_role("link", name="Heat map").click()
    page.get_by_label("Groups of").select_option("sex")
    page.get_by_role("button", name="Show heat map").click()
    cells = page.locator("td.app-heat")
    assert cells.count() > 10
    texts = cells.all_inner_texts()
    assert all(t.strip() for t in texts)  # a number, "Suppressed" or a dash: never colour alone
    problems += axe_violations(page)
    if screenshot:
        screenshot(page, "heat-map", ".app-heat-key")
    return problems


def test_with_javascript_on_a_phone(live_server, new_page, administrator, survey, axe_violations, sign_in_browser,
                                    docs_screenshots):
    page = sign_in_browser(new_page(viewport=PHONE), administrator)
    problems = _walk(page, live_server.url, survey, axe_violations, docs_screenshots)
    assert not problems, "\n".join(problems)
    docs_screenshots.publish()


def test_without_javascript_at_320px(live_server, new_page, administrator, survey, axe_violations, sign_in_browser):
    page = sign_in_browser(new_page(viewport=PHONE_320, java_script_enabled=False), administrator)
    problems = _walk(page, live_server.url, survey, axe_violations)
    assert not problems, "\n".join(problems)
    assert not sideways_scroll(page), "the heat map page scrolls sideways at 320 px (only its table may)"
