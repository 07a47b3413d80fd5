"""The review page in headless Chromium: keyboard shortcuts with JavaScript on, the same
actions as plain buttons with it off, and no WCAG 2.x A/AA violations (axe-core)."""

import pytest

from analysis.themes.models import AnswerTag
from analysis.themes.tagging import tagging_run
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def signed_in(transactional_db, new_page, live_server, analyst):
    """A signed-in analyst's page, from the session's one Chromium (tests/conftest.py)."""

    def open_page(javascript: bool):
        page = new_page(java_script_enabled=javascript)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", analyst.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return open_page


def _wcag_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def test_keyboard_shortcuts_accept_and_move_on(signed_in, live_server, codebook):
    tagging_run(codebook)
    page = signed_in(javascript=True)
    page.goto(f"{live_server.url}/staff/analysis/themes/codebooks/{codebook.pk}/review/")
    answer_id = int(page.locator("[data-shortcut=next]").get_attribute("href").split("=")[-1])
    current = page.url
    first = AnswerTag.objects.filter(answer__codings__isnull=True, source="suggested").order_by("-confidence")
    assert page.locator("[data-shortcut=accept]").count() == 1
    assert _wcag_violations(page) == []
    with page.expect_navigation():
        page.keyboard.press("a")
    assert AnswerTag.objects.filter(source="accepted").count() == 1
    with page.expect_navigation():
        page.keyboard.press("n")
    assert page.url.endswith(f"?answer={answer_id}") and page.url != current
    page.focus("#add-theme")
    page.keyboard.press("n")  # typing in a box: no shortcut
    assert page.url.endswith(f"?answer={answer_id}")
    assert first.exists()


def test_every_action_works_without_javascript(signed_in, live_server, codebook):
    tagging_run(codebook)
    page = signed_in(javascript=False)
    page.goto(f"{live_server.url}/staff/analysis/themes/codebooks/{codebook.pk}/review/")
    page.click("button[value=reject] >> nth=0")
    assert AnswerTag.objects.filter(source="rejected").count() == 1
    page.click("button[value=confirm]")
    assert AnswerTag.objects.filter(source="suggested", answer__codings__isnull=False).count() == 0
    for path in ("", "answers/", "counts/?by=sex"):
        page.goto(f"{live_server.url}/staff/analysis/themes/codebooks/{codebook.pk}/{path}")
        assert page.locator("h1").count() == 1
