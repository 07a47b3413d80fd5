"""Export to XLSForm and import again gives an equivalent definition, for every demo survey."""

import copy
import io
import json

import openpyxl
import pytest
from interop_forms import PAPER_SURVEY

from surveys.demo.loading import demo_definitions
from surveys.publishing import survey_definition_from_draft, survey_import_definition
from surveys.xlsform import definition_to_xlsform, xlsform_to_definition

DEMOS = {data["survey"]["slug"]: data for data in demo_definitions()}
STANDARD = [slug for slug, data in DEMOS.items() if not data["survey"].get("variant_of")]


def draft_of(data, programme, slug=None):
    """A definition as the platform itself writes it (every default spelled out)."""
    return survey_definition_from_draft(survey_import_definition(data=copy.deepcopy(data), programme=programme,
                                                                 slug=slug))


def without_slug(data):
    data = copy.deepcopy(data)
    data["survey"].pop("slug")
    return data


@pytest.mark.parametrize("slug", sorted(DEMOS))
def test_a_demo_survey_survives_export_and_import(programme, slug):
    for main in {DEMOS[slug]["survey"].get("variant_of")} - {None}:
        survey_import_definition(data=copy.deepcopy(DEMOS[main]), programme=programme)
    original = draft_of(DEMOS[slug], programme)
    result = xlsform_to_definition(definition_to_xlsform(original))
    assert result.skipped == []
    again = draft_of(result.definition, programme, slug=f"{slug}-again")
    assert json.dumps(without_slug(again), sort_keys=True) == json.dumps(without_slug(original), sort_keys=True)


def test_the_paper_survey_with_a_grid_and_every_type_survives_too(programme):
    original = draft_of(PAPER_SURVEY, programme)
    again = draft_of(xlsform_to_definition(definition_to_xlsform(original)).definition, programme, slug="again")
    assert without_slug(again) == without_slug(original)


def test_the_export_is_a_plain_xlsform(programme):
    raw = definition_to_xlsform(draft_of(DEMOS["citizens-voice-2026"], programme))
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [cell.value for cell in book["survey"][1]]
    assert header[:2] == ["type", "name"]
    assert {"label::English (en)", "label::Welsh (cy)", "label::Arabic (ar)", "relevant", "required"} <= set(header)
    types = [row[0].value for row in book["survey"].iter_rows(min_row=2)]
    assert "begin group" in types and "select_one local_authority" in types and "range" in types
    settings_row = dict(zip([c.value for c in book["settings"][1]], [c.value for c in book["settings"][2]],
                            strict=True))
    assert settings_row["form_id"] == "citizens-voice-2026" and settings_row["default_language"] == "English (en)"


def test_text_that_looks_like_a_formula_is_written_as_text(programme):
    data = {
        "schema": 1, "survey": {"slug": "formula", "title": "=HYPERLINK(\"http://evil\")"},
        "pages": [{"key": "p", "questions": [{"code": "q", "type": "text", "text": "=1+2"}]}]}
    raw = definition_to_xlsform(draft_of(data, programme))
    book = openpyxl.load_workbook(io.BytesIO(raw))
    cells = [c for row in book["survey"].iter_rows() for c in row if c.value == "=1+2"]
    assert cells and all(c.data_type == "s" for c in cells)
    assert xlsform_to_definition(raw).definition["pages"][0]["questions"][0]["text"] == "=1+2"
