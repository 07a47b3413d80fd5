"""The programme survey definitions: valid, round-trip through the draft, and carry the
equality block exactly as surveys.equality builds it."""

import copy
import json

import pytest
from programme_data import demo

from surveys.definition_checks import validate_definition
from surveys.equality import equality_pages
from surveys.publishing import survey_definition_from_draft, survey_import_definition

PROGRAMME_FILES = {"citizens-voice": False, "passenger-safety": False, "staff-engagement": True}


def _meaningful(value):
    if isinstance(value, dict):
        return {k: _meaningful(v) for k, v in value.items() if v not in (None, "", [], {}, False)}
    if isinstance(value, list):
        return [_meaningful(v) for v in value]
    return value


@pytest.mark.parametrize(("name", "all_adults"), PROGRAMME_FILES.items())
def test_each_programme_survey_ends_with_the_equality_block(name, all_adults):
    data = validate_definition(demo(name))
    block = equality_pages(all_adults=all_adults)
    assert data["pages"][-len(block):] == block
    assert not any(p["key"] == "about-you" for p in data["pages"])


@pytest.mark.parametrize("name", PROGRAMME_FILES)
def test_each_programme_survey_survives_import_and_export(name, programme):
    original = demo(name)
    exported = survey_definition_from_draft(survey_import_definition(data=copy.deepcopy(original), programme=programme))
    assert json.dumps(_meaningful(exported["pages"]), sort_keys=True) == \
        json.dumps(_meaningful(original["pages"]), sort_keys=True)


def test_passenger_safety_asks_one_radio_question_per_mode_stage_and_time():
    questions = {q["code"]: q for p in demo("passenger-safety")["pages"] for q in p["questions"]}
    for mode in ("bus", "merseyrail", "ferry", "other"):
        for stage in ("walk", "wait", "onboard"):
            for time in ("day", "dark"):
                q = questions[f"safe_{mode}_{stage}_{time}"]
                assert q["type"] == "single"
                assert [o["code"] for o in q["options"]] == ["very_safe", "fairly_safe", "a_bit_unsafe",
                                                             "very_unsafe", "dont_travel"]
    for code in ("modes_used", "incidents_experienced", "incidents_witnessed", "hate_characteristic",
                 "incident_reported", "not_reported_reason", "access_needs", "feel_safer"):
        assert code in questions


def test_staff_survey_items_and_work_characteristics():
    data = demo("staff-engagement")
    assert data["survey"]["programme"] == "staff-engagement"
    questions = {q["code"]: q for p in data["pages"] for q in p["questions"]}
    edi, engagement = questions["edi"], questions["engagement"]
    assert (edi["scale"]["min"], edi["scale"]["max"]) == (1, 7)
    assert {i["code"] for i in edi["items"]} == {"edi_respect", "edi_fair_opportunity", "edi_belonging",
                                                 "edi_speak_up", "edi_manager_inclusive", "edi_no_discrimination"}
    assert (engagement["scale"]["min"], engagement["scale"]["max"]) == (1, 5) and len(engagement["items"]) == 5
    assert questions["edi_improve"]["type"] == "long_text"
    for code in ("directorate", "grade_band", "length_of_service", "contract_type", "working_pattern"):
        assert questions[code]["characteristic"] == code
