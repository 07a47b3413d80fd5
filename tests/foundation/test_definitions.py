"""Definitions as JSON: import, export, and the problems a bad definition is refused for."""

import copy
import json

import pytest

from surveys.definition import DefinitionError
from surveys.definition_checks import validate_definition
from surveys.models import Survey
from surveys.publishing import survey_definition_from_draft, survey_import_definition


def _meaningful(data):
    """A definition without the empty and default values an export spells out."""
    if isinstance(data, dict):
        return {k: _meaningful(v) for k, v in data.items() if v not in (None, "", [], False)}
    if isinstance(data, list):
        return [_meaningful(v) for v in data]
    return data


def _as_json(data):
    return json.dumps(_meaningful(data), sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("name", ["every_type_definition", "demo_definition"])
def test_an_imported_definition_exports_as_the_same_json(name, request, programme):
    original = request.getfixturevalue(name)
    survey = survey_import_definition(data=copy.deepcopy(original), programme=programme)
    exported = survey_definition_from_draft(survey)
    assert _as_json(exported) == _as_json(original)


def test_an_exported_definition_imports_again_unchanged(every_type_definition, programme):
    first = survey_definition_from_draft(survey_import_definition(data=every_type_definition, programme=programme))
    text = json.dumps(first)
    copy_ = survey_import_definition(data=json.loads(text), programme=programme, slug="every-type-copy")
    second = survey_definition_from_draft(copy_)
    assert second["survey"].pop("slug") == "every-type-copy"
    first["survey"].pop("slug")
    assert json.dumps(second, sort_keys=True) == json.dumps(first, sort_keys=True)


def test_importing_again_replaces_the_draft(every_type_definition, programme):
    survey_import_definition(data=copy.deepcopy(every_type_definition), programme=programme)
    every_type_definition["pages"] = every_type_definition["pages"][:2]
    survey = survey_import_definition(data=every_type_definition, programme=programme)
    assert [p.key for p in survey.pages.all()] == ["colour", "modes"]
    assert Survey.objects.count() == 1


def _broken(every_type_definition):
    data = every_type_definition
    pages = data["pages"]
    pages[1]["questions"][0]["code"] = "Modes!"
    pages[2]["condition"] = {"question": "later_question", "equals": "x"}
    pages[3]["questions"][0]["scale"] = {"min": 5, "max": 1}
    pages[4]["key"] = "rating5"
    pages[5]["questions"][0]["special"] = ["maybe"]
    pages[6]["questions"][0]["items"] = []
    pages[7]["questions"][1]["code"] = "visits"
    pages[8]["questions"][1]["type"] = "slider"
    pages[8]["questions"].append({"code": "pick", "type": "single", "text": "Pick", "options": []})
    pages.append({"key": "empty", "questions": []})
    return data


def test_a_broken_definition_is_refused_with_every_problem_named(every_type_definition, programme):
    with pytest.raises(DefinitionError) as refused:
        survey_import_definition(data=_broken(every_type_definition), programme=programme)
    assert refused.value.problems == [
        "question 'Modes!': code must start with a letter and use a-z, 0-9 and _ (at most 60)",
        "page 3: condition refers to 'later_question', which is not an earlier question",
        "question 'rating5': scale needs whole-number min and max, min below max, at most 11 points",
        "page 5: key 'rating5' is used twice",
        "question 'rating10': special answers may only be prefer_not_to_say, dont_know",
        "question 'fair': a grid needs items, each with a code and text",
        "question 'visits': code 'visits' is used twice",
        ("question 'nickname': unknown type 'slider' (known: single, multiple, scale, grid, number, date, "
        "text, long_text)"),
        "question 'pick': needs options",
        "page 10: needs at least one question",
    ]
    assert not Survey.objects.exists()


@pytest.mark.parametrize(("data", "problem"), [
    ([], "The definition must be an object with a list of 'pages'"),
    ({"pages": []}, "A survey needs at least one page"),
    ({"schema": 2, "pages": [{"key": "a", "questions": [{"code": "a", "type": "text", "text": "A"}]}]},
     "Unsupported schema 2; this platform reads schema 1"),
    ({"pages": [{"key": "a", "questions": [{"code": "a", "type": "text", "text": " "}]}]},
     "question 'a': needs question text"),
    ({"pages": [{"key": "a", "condition": {"question": "a"}, "questions": [
        {"code": "a", "type": "text", "text": "A"}]}]},
     "page 1: condition: a condition needs exactly one of equals, in, not_in, answered, gte"),
    ({"pages": [{"key": "a", "questions": [{"code": "a", "type": "single", "text": "A", "options": [
        {"code": "x", "label": "X"}, {"code": "x", "label": "Also X"}]}]}]},
     "question 'a': option codes must be different"),
    ({"pages": [{"key": "a", "questions": [{"code": "a", "type": "single", "text": "A", "options": [
        {"code": "prefer_not_to_say", "label": "Rather not"}]}]}]},
     "question 'a': use 'special' for Prefer not to say / Don't know, not an option"),
])
def test_single_problems_are_named(data, problem):
    with pytest.raises(DefinitionError) as refused:
        validate_definition(data)
    [reported] = refused.value.problems
    assert reported.startswith(problem)


def test_a_definition_without_a_slug_is_refused(every_type_definition, programme):
    del every_type_definition["survey"]["slug"]
    with pytest.raises(DefinitionError, match="survey.slug"):
        survey_import_definition(data=every_type_definition, programme=programme)
