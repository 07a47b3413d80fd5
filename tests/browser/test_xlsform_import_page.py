"""The XLSForm import in Chromium: upload, the confirm step listing what cannot be kept, the report;
every page checked with axe-core."""

import sys
from pathlib import Path

import pytest

from surveys.models import Survey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "interop"))
from interop_forms import COMMUNITY_NEEDS, workbook  # the interop tests' realistic form

pytestmark = pytest.mark.browser


def test_an_author_imports_a_form_after_confirming_what_is_left_out(
        live_server, new_page, axe_violations, sign_in_browser, author, programme, tmp_path):
    path = tmp_path / "community.xlsx"
    path.write_bytes(workbook(COMMUNITY_NEEDS))
    page = new_page()
    sign_in_browser(page, author)
    page.goto(f"{live_server.url}/staff/surveys/xlsform/import/")
    violations = axe_violations(page)
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_programme", str(programme.pk))
    page.get_by_role("button", name="Import form").click()
    page.get_by_role("heading", name="Import without these parts?").wait_for()
    assert page.get_by_text("survey sheet row 12 'gps' (geopoint): not supported, skipped").is_visible()
    assert not Survey.objects.exists()
    violations += axe_violations(page)
    page.get_by_role("button", name="Import without these parts").click()
    page.get_by_role("heading", name="Form imported").wait_for()
    assert page.get_by_text("from the columns ‘Arabic (ar)’, shown right to left").is_visible()
    violations += axe_violations(page)
    assert violations == []
    assert Survey.objects.get(slug="community-needs-2026").programme == programme
