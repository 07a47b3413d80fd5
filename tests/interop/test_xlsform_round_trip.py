"""Export to XLSForm and import again gives an equivalent definition, for every demo survey."""

import copy
import io
import json

import openpyxl
import pytest
from interop_forms import PAPER_SURVEY
from pyxform.xls2xform import convert

from surveys.demo.loading import demo_definitions
from surveys.publishing import survey_definition_from_draft, survey_import_definition
from surveys.question_types import KINDS
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


def every_type_survey() -> dict:
    """A generated survey with a question of every type, every kind of condition, special
    answers, limits, errors and a translation into a right-to-left language."""
    options = [{"code": "a", "label": "‘A’ with curly quotes"}, {"code": "b", "label": "B"},
               {"code": "none", "label": "None of these", "exclusive": True}]
    made = {"single": {"options": options[:2], "special": ["prefer_not_to_say"], "characteristic": "sex"},
            "multiple": {"options": options}, "scale": {"scale": {"min": 0, "max": 10, "min_label": "Low",
                                                                  "max_label": "High"}, "special": ["dont_know"]},
            "grid": {"scale": {"min": 1, "max": 7}, "items": [{"code": "grid_1", "text": "One"},
                                                                {"code": "grid_2", "text": "Two"}]},
            "number": {"min": 0, "max": 120.5, "special": ["dont_know"]}, "date": {},
            "text": {"max_length": 80}, "long_text": {"max_length": 2000}}
    assert set(made) == set(KINDS), "a new question type needs adding here"
    questions = [{"code": f"q_{kind}", "type": kind, "text": f"Question {kind}?", "help": f"Help\nfor {kind}",
                  "required": kind in ("single", "grid"), "error": f"Answer the {kind} question", **extra}
                 for kind, extra in made.items()]
    conditions = [{"question": "q_single", "equals": "a"}, {"question": "q_multiple", "in": ["a", "b"]},
                  {"question": "q_single", "not_in": ["b"]}, {"question": "q_text", "answered": True},
                  {"question": "q_text", "answered": False}, {"question": "q_number", "gte": 18},
                  {"question": "q_scale", "lte": 3}, {"question": "q_date", "age_gte": 16},
                  {"question": "q_number", "age_gte": 65}, {"not": {"question": "q_single", "equals": "b"}},
                  {"any": [{"question": "q_scale", "gte": 5}, {"all": [{"question": "grid_1", "equals": 4},
                                                                       {"question": "q_single", "equals": "a"}]}]}]
    pages = [{"key": "first", "title": "All types", "intro": "Line one\n\nLine two", "questions": questions}]
    pages += [{"key": f"when-{n}", "condition": condition,
               "questions": [{"code": f"follow_{n}", "type": "text", "text": f"Follow-up {n}?"}]}
              for n, condition in enumerate(conditions)]
    arabic = {"survey.title": "استطلاع", "q_single.text": "سؤال؟", "q_single.a": "أ", "page.first.title": "كل الأنواع",
              "q_scale.min_label": "منخفض", "grid_1.text": "واحد"}
    return {"schema": 1, "survey": {"slug": "every-type", "title": "Every type", "min_group_size": 12},
            "pages": pages, "translations": {"ar": arabic, "cy": {"q_text.help": "Cymorth"}}}


def test_every_question_type_and_condition_survives_export_and_import(programme):
    original = draft_of(every_type_survey(), programme)
    result = xlsform_to_definition(definition_to_xlsform(original))
    assert result.skipped == [] and result.warnings == []
    again = draft_of(result.definition, programme, slug="every-type-again")
    assert json.dumps(without_slug(again), sort_keys=True) == json.dumps(without_slug(original), sort_keys=True)


@pytest.mark.parametrize("slug", sorted(DEMOS))
def test_pyxform_converts_every_export_without_errors_or_warnings(programme, slug):
    for main in {DEMOS[slug]["survey"].get("variant_of")} - {None}:
        survey_import_definition(data=copy.deepcopy(DEMOS[main]), programme=programme)
    converted = convert(definition_to_xlsform(draft_of(DEMOS[slug], programme)), validate=False)
    assert converted.warnings == [] and "<h:title>" in converted.xform


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
