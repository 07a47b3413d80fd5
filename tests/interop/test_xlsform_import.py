"""Importing real-world-style XLSForms: pages, skip logic, choices, translations, what is skipped."""

import pytest
from interop_forms import workbook

from surveys.xlsform import XLSFormError, xlsform_to_definition


@pytest.fixture
def imported(community_needs_xlsx, db):
    return xlsform_to_definition(community_needs_xlsx)


def questions(result):
    return {q["code"]: q for page in result.definition["pages"] for q in page["questions"]}


def test_settings_become_the_survey_meta(imported):
    assert imported.definition["survey"] == {
        "slug": "community_needs_2026".replace("_", "-"), "title": "Community needs survey", "description": "",
        "time_needed": "5 minutes", "privacy_notice": ""}


def test_groups_become_pages_and_other_questions_get_a_page_each(imported):
    pages = imported.definition["pages"]
    assert [p["key"] for p in pages] == ["household", "services_used", "services_used_other", "satisfaction",
                                         "council", "comments", "last_visit", "contact", "disabled"]
    household = pages[0]
    assert household["title"] == "Your household"
    assert household["intro"] == "The next questions are about local services."
    assert [q["code"] for q in household["questions"]] == ["has_children", "children_count"]


def test_question_types_and_checks_are_kept(imported):
    q = questions(imported)
    assert q["has_children"]["type"] == "single" and q["has_children"]["required"] is True
    assert [o["code"] for o in q["has_children"]["options"]] == ["yes", "no"]
    assert (q["children_count"]["type"], q["children_count"]["min"], q["children_count"]["max"]) == ("number", 1, 15)
    assert q["satisfaction"]["type"] == "scale" and q["satisfaction"]["scale"]["min"] == 1
    assert q["satisfaction"]["scale"]["max"] == 5
    assert (q["comments"]["type"], q["comments"]["max_length"]) == ("long_text", 500)
    assert q["last_visit"]["type"] == "date"
    assert q["disabled"]["special"] == ["prefer_not_to_say"]
    assert [o["code"] for o in q["disabled"]["options"]] == ["yes", "no"]


def test_or_other_adds_an_other_option_and_a_follow_up_question(imported):
    q = questions(imported)
    services = q["services_used"]
    assert [(o["code"], o["exclusive"]) for o in services["options"]] == [
        ("bus", False), ("library", False), ("none", True), ("other", False)]
    other_page = imported.definition["pages"][2]
    assert other_page["condition"] == {"question": "services_used", "equals": "other"}
    assert other_page["questions"][0]["type"] == "text"


def test_skip_logic_is_translated_into_conditions(imported):
    q = questions(imported)
    pages = {p["key"]: p for p in imported.definition["pages"]}
    assert q["children_count"]["condition"] == {"question": "has_children", "equals": "yes"}
    assert pages["comments"]["condition"] == {"any": [{"question": "services_used", "equals": "bus"},
                                                      {"question": "satisfaction", "lte": 2}]}
    assert pages["last_visit"]["condition"] == {"not": {"question": "has_children", "equals": "no"}}
    assert pages["disabled"]["condition"] == {"all": [{"question": "satisfaction", "gte": 3},
                                                      {"question": "council", "in": ["halton", "wirral"]}]}
    assert pages["contact"]["condition"] is None


def test_every_language_column_becomes_a_translation(imported):
    translations = imported.definition["translations"]
    assert set(translations) == {"cy", "ar"}
    assert translations["cy"]["has_children.text"] == "Oes gennych chi blant dan 16 oed?"
    assert translations["cy"]["has_children.yes"] == "Ie"
    assert translations["cy"]["services_used.help"] == "Dewiswch bob un sy'n berthnasol."
    assert translations["cy"]["page.household.title"] == "Eich cartref"
    assert translations["cy"]["page.household.intro"] == "Mae'r cwestiynau nesaf yn ymwneud â gwasanaethau lleol."
    assert translations["ar"]["council.wirral"] == "ويرال"


def test_what_could_not_be_kept_is_listed_row_by_row(imported):
    skipped = imported.skipped
    expected = [
        "survey sheet row 2 'start' (start): not supported, skipped (device metadata is not collected)",
        "survey sheet row 3 'end' (end): not supported, skipped (device metadata is not collected)",
        "survey sheet row 4 'deviceid' (deviceid): not supported, skipped (device metadata is not collected)",
        "survey sheet row 12 'gps' (geopoint): not supported, skipped (locations are not collected)",
        "survey sheet row 13 'double_children' (calculate): not supported, skipped (calculations are not supported)",
        ("survey sheet row 14 'people' (begin repeat): repeats are not supported; the repeat and its questions "
         "(person_name) are skipped"),
        ("survey sheet row 17 'council' (select_one council): column 'choice_filter' skipped: choice filters are "
         "not supported; every choice is shown"),
    ]
    for line in expected:
        assert line in skipped, (line, skipped)
    assert any(line.startswith("survey sheet row 20 'contact' (text): relevant 'string-length(${comments}) > 10' "
                               "not supported") for line in skipped)
    assert len(skipped) == len(expected) + 1


def test_adaptations_are_noted(imported):
    notes = "\n".join(imported.notes)
    assert "survey sheet row 10 'services_used' (select_multiple services or_other): or_other became" in notes
    assert "integer questions (children_count) accept any number; whole numbers are not enforced" in notes
    assert "survey sheet row 7 'children_count' (integer): constraint_message not kept" in notes
    assert "'Arabic (ar)' is written right to left" in notes


def test_pyxform_warnings_are_shown_in_our_words(imported):
    assert ("or_other with translations: the 'Other' option and its follow-up question are in English only; add "
            "their translations on the survey's translations page") in imported.warnings
    assert "'Welsh (cy)' has no constraint_message column on the survey sheet: those texts show in the main " \
           "language" in imported.warnings


def test_an_imported_form_can_be_published_and_answered(community_needs_xlsx, programme, author):
    from surveys.services import response_create
    from surveys.xlsform import survey_import_xlsform

    survey, _ = survey_import_xlsform(raw=community_needs_xlsx, programme=programme, user=author, publish=True,
                                      skip_unsupported=True)
    assert survey.is_open and survey.slug == "community-needs-2026"
    response, _ = response_create(survey=survey, idempotency_key="paper-1", answers={
        "has_children": "yes", "children_count": 2, "services_used": ["bus", "other"],
        "services_used_other": "Community bus", "satisfaction": 2, "comments": "More evening buses"})
    assert response.answers["services_used"] == ["bus", "other"]


def test_question_names_are_made_into_codes(make_workbook, db):
    raw = make_workbook({"survey": [["type", "name", "label"], ["text", "Q1-Name", "Your name?"],
                                    ["text", "_2nd", "Second", ], ["text", "q1_name", "Clash"]]})
    result = xlsform_to_definition(raw)
    codes = [q["code"] for page in result.definition["pages"] for q in page["questions"]]
    assert codes == ["q1_name", "q__2nd", "q1_name_2"]
    assert "survey sheet row 2 'Q1-Name' (text): code changed to 'q1_name' (codes use a-z, 0-9 and _)" in result.notes


def test_references_follow_renamed_questions(make_workbook, db):
    raw = make_workbook({"survey": [["type", "name", "label", "relevant"],
                                    ["integer", "Age-Years", "Age?", ""],
                                    ["text", "school", "School?", "${Age-Years} < 19"]]})
    result = xlsform_to_definition(raw)
    assert result.definition["pages"][1]["condition"] == {
        "all": [{"question": "age_years", "lte": 19}, {"not": {"question": "age_years", "gte": 19}}]}


def test_a_plain_label_column_is_the_main_text(make_workbook, db):
    raw = make_workbook({"survey": [["type", "name", "label", "label::Cymraeg"], ["text", "name", "Name", "Enw"]],
                         "settings": [["form_title"], ["Simple"]]})
    result = xlsform_to_definition(raw)
    assert result.definition["pages"][0]["questions"][0]["text"] == "Name"
    assert result.definition["translations"] == {"cy": {"name.text": "Enw"}}


def test_languages_the_site_does_not_offer_are_reported(make_workbook, db):
    raw = make_workbook({"survey": [["type", "name", "label::English (en)", "label::Somali (so)", "label::Elvish"],
                                    ["text", "name", "Name", "Magaca", "Eneth"]]})
    result = xlsform_to_definition(raw)
    assert "columns in 'Somali (so)': this site does not offer the language 'so'" in result.skipped
    assert "columns in 'Elvish': language not recognised; name it like 'Welsh (cy)'" in result.skipped


@pytest.mark.parametrize(("sheets", "problem"), [
    ({"choices": [["list_name", "name"]], "settings": [["form_id"], ["x"]]},
     "The workbook needs a sheet called 'survey'"),
    ({"survey": [["type", "name", "label"], ["select_one missing", "q", "Q"]]},
     "survey sheet row 2 (select_one missing): There should be a choices sheet in this xlsform"),
    ({"survey": [["type", "name", "label"], ["select_one missing", "q", "Q"]],
      "choices": [["list_name", "name", "label"], ["other", "a", "A"]]},
     "survey sheet row 2: List name not in choices sheet: missing"),
    ({"survey": [["type", "name", "label"], ["begin group", "g", "G"], ["text", "q", "Q"]]},
     "survey sheet row 2: Unmatched 'begin_group'. No matching 'end_group' was found for the name 'g'"),
    ({"survey": [["type", "name", "label"], ["end group", "g", ""]]},
     "survey sheet row 2: Unmatched 'end_group'. No matching 'begin_group' was found for the name 'g'"),
    ({"survey": [["type", "name", "label"], ["text", "", "No name"]]},
     "survey sheet row 2: Question or group with no name"),
    ({"survey": [["type", "name", "label"], ["geopoint", "gps", "Where?"]]},
     "No questions could be imported from this form (survey sheet row 2 'gps' (geopoint): not supported"),
    ({"survey": [["type", "name", "label"], ["select_one yn", "q", "Q"]],
      "choices": [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "y", "Yes again"]]},
     "choices sheet row 3: On the 'choices' sheet, the 'name' value is invalid. Choice names must be unique"),
    # A formula saved without its value (openpyxl writes none) is an empty cell to pyxform.
    ({"survey": [["type", "name", "label"], ["text", "q", "=CONCAT(\"a\",\"b\")"]]},
     "survey sheet row 2: The survey element named 'q' has no label or hint"),
    ({"survey": [["type", "name", "label", "relevant"], ["text", "q", "Q", "${nowhere} = 'x'"]]},
     ("survey sheet row 2: On the 'survey' sheet, the 'relevant' value is invalid. Reference variables must contain "
     "a name from the 'survey' sheet. Could not find the name 'nowhere'")),
])
def test_forms_that_cannot_be_imported_say_why(db, sheets, problem):
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_definition(workbook(sheets))
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_a_file_that_is_not_a_workbook_is_refused(db):
    with pytest.raises(XLSFormError, match="The file is not a spreadsheet: upload the XLSForm as .xlsx"):
        xlsform_to_definition(b"type,name,label\ntext,q,Q\n")
    with pytest.raises(XLSFormError, match="not a readable .xlsx workbook"):
        xlsform_to_definition(b"PK\x03\x04 but not really a zip")
    with pytest.raises(XLSFormError, match="not a readable .xls workbook"):
        xlsform_to_definition(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE file, not a sheet


def test_a_damaged_workbook_is_refused_whatever_the_damage(community_needs_xlsx, db):
    """Cut short, or with bytes changed inside: always a message, never an exception of pyxform's."""
    damaged = [community_needs_xlsx[:len(community_needs_xlsx) // 2], community_needs_xlsx[:-30]]
    damaged += [community_needs_xlsx[:at] + b"\xff" * 64 + community_needs_xlsx[at + 64:]
                for at in range(200, len(community_needs_xlsx) - 64, 997)]
    for raw in damaged:
        try:
            xlsform_to_definition(raw)
        except XLSFormError as exc:
            assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)


def test_grid_groups_hold_range_items(make_workbook, db):
    raw = make_workbook({"survey": [
        ["type", "name", "label", "parameters", "lcr_type", "lcr_min_label", "lcr_max_label", "required"],
        ["begin group", "respect", "How much do you agree?", "", "grid", "", "", ""],
        ["range", "resp_1", "Staff treat me with respect", "start=1 end=7 step=1", "", "Strongly disagree",
         "Strongly agree", "yes"],
        ["range", "resp_2", "I am treated fairly", "start=1 end=7 step=1", "", "", "", "yes"],
        ["end group", "respect", "", "", "", "", "", ""],
        ["text", "why", "Why?", "", "", "", "", ""]]})
    question = xlsform_to_definition(raw).definition["pages"][0]["questions"][0]
    assert question["type"] == "grid" and question["required"] is True
    assert question["scale"] == {"min": 1, "max": 7, "min_label": "Strongly disagree", "max_label": "Strongly agree"}
    assert [i["code"] for i in question["items"]] == ["resp_1", "resp_2"]


def test_wide_ranges_become_number_questions(make_workbook, db):
    raw = make_workbook({"survey": [["type", "name", "label", "parameters"],
                                    ["range", "minutes", "Minutes waiting?", "start=0 end=120 step=5"]]})
    result = xlsform_to_definition(raw)
    question = result.definition["pages"][0]["questions"][0]
    assert (question["type"], question["min"], question["max"]) == ("number", 0, 120)
    assert any("range 0 to 120 in steps of 5 became a number question" in n for n in result.notes)


def test_dynamic_required_and_unknown_constraints_are_reported(make_workbook, db):
    raw = make_workbook({"survey": [["type", "name", "label", "required", "constraint"],
                                    ["text", "b", "B?", "", ""],
                                    ["text", "a", "A?", "${b} = 'x'", "regex(., '^[0-9]+$')"]]})
    result = xlsform_to_definition(raw)
    assert result.definition["pages"][1]["questions"][0]["required"] is False
    assert any("required only when" in s for s in result.skipped)
    assert any("constraint 'regex(., '^[0-9]+$')' not supported" in s for s in result.skipped)
