"""The review page in headless Chromium: keyboard shortcuts with JavaScript on, the same
actions as plain buttons with it off, and no WCAG 2.x A/AA violations (axe-core)."""

import pytest

from analysis.themes.models import AnswerTag
from analysis.themes.tagging import tagging_run

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(transactional_db, new_page, sign_in_browser, analyst):
    """A signed-in analyst's page, from the session's one Chromium (tests/conftest.py)."""

    return lambda javascript: sign_in_browser(new_page(java_script_enabled=javascript), analyst)


def test_keyboard_shortcuts_accept_and_move_on(signed_in, live_server, codebook, axe_violations):
    tagging_run(codebook)
    page = signed_in(javascript=True)
    page.goto(f"{live_server.url}/staff/analysis/themes/codebooks/{codebook.pk}/review/")
    answer_id = int(page.locator("[data-shortcut=next]").get_attribute("href").split("=")[-1])
    current = page.url
    first = AnswerTag.objects.filter(answer__codings__isnull=True, source="suggested").order_by("-confidence")
    assert page.locator("[data-shortcut=accept]").count() == 1
    assert axe_violations(page) == []
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
