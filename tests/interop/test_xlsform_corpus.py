"""The XLSForm corpus (tests/interop/xlsforms/corpus.py): each form imports, or is refused, as documented."""

import sys
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from surveys.xlsform import SkippedParts, XLSFormError, survey_import_xlsform, xlsform_to_definition

sys.path.insert(0, str(Path(__file__).parent / "xlsforms"))
from corpus import CORPUS, UNSUPPORTED_TYPES, corpus_file

IMPORTED = [name for name, (_, expect) in CORPUS.items() if not expect.refused]
REFUSED = [name for name, (_, expect) in CORPUS.items() if expect.refused]


def questions(result) -> dict:
    return {q["code"]: q for page in result.definition["pages"] for q in page["questions"]}


def test_the_corpus_covers_the_xlsform_features_it_documents():
    assert len(CORPUS) >= 15 and len(IMPORTED) >= 10 and len(REFUSED) >= 5


@pytest.mark.parametrize("name", IMPORTED)
def test_a_form_imports_with_what_was_skipped_named(db, name):
    expect = CORPUS[name][1]
    result = xlsform_to_definition(corpus_file(name))
    assert {code: q["type"] for code, q in questions(result).items()} == expect.questions
    for part in expect.skipped:
        assert any(part in line for line in result.skipped), (part, result.skipped)
    assert len(result.skipped) == len(expect.skipped), result.skipped
    for part in expect.notes:
        assert any(part in line for line in result.notes), (part, result.notes)
    assert set(result.definition.get("translations", {})) == expect.languages
    if expect.slug:
        assert result.definition["survey"]["slug"] == expect.slug


@pytest.mark.parametrize("name", REFUSED)
def test_a_form_is_refused_with_one_clear_message(db, name):
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_definition(corpus_file(name))
    assert len(caught.value.problems) == 1
    assert CORPUS[name][1].refused in caught.value.problems[0], caught.value.problems


@pytest.mark.parametrize("name", [n for n in IMPORTED if n != "padded_sheet"])
def test_pyxform_itself_accepts_every_form_we_import(name):
    assert convert(corpus_file(name), validate=False).xform.startswith("<?xml")


def test_formula_cells_count_as_their_values(db):
    q = questions(xlsform_to_definition(corpus_file("formula_cells")))
    assert (q["must"]["required"], q["may"]["required"]) == (True, False)


def test_every_language_column_form_gives_the_same_translations(db):
    tables = {}
    for name in ("languages_with_codes", "languages_by_name", "languages_single_colon"):
        result = xlsform_to_definition(corpus_file(name))
        assert questions(result)["name"]["text"] == "Your name?"
        tables[name] = result.definition["translations"]["cy"]
    assert tables["languages_with_codes"] == tables["languages_by_name"] == tables["languages_single_colon"] == {
        "name.text": "Eich enw?", "ok.text": "Ie?", "ok.yes": "Ie", "ok.no": "Na"}


def test_right_to_left_languages_are_marked(db):
    result = xlsform_to_definition(corpus_file("languages_with_codes"))
    assert {lang["code"]: lang["direction"] for lang in result.languages} == {"en": "ltr", "cy": "ltr", "ar": "rtl"}
    assert result.definition["translations"]["ar"]["name.text"] == "اسمك؟"


def test_a_plain_label_column_is_the_main_text_and_a_named_one_a_translation(db):
    result = xlsform_to_definition(corpus_file("label_and_a_language"))
    assert questions(result)["name"]["text"] == "Name"
    assert result.definition["translations"] == {"cy": {"name.text": "Enw"}}


def test_settings_give_the_address_title_and_main_language(db):
    result = xlsform_to_definition(corpus_file("settings"))
    assert result.definition["survey"]["title"] == "Travel survey"
    assert questions(result)["name"]["text"] == "Name?"  # English is the main text whatever default_language says
    welsh = xlsform_to_definition(corpus_file("welsh_main_language"))
    assert questions(welsh)["name"]["text"] == "Enw?" and "translations" not in welsh.definition


def test_or_other_follow_up_is_shown_only_for_other(db):
    result = xlsform_to_definition(corpus_file("or_other"))
    assert [o["code"] for o in questions(result)["colour"]["options"]] == ["red", "blue", "other"]
    assert result.definition["pages"][1]["condition"] == {"question": "colour", "equals": "other"}


def test_nested_group_conditions_move_onto_their_questions(db):
    pages = xlsform_to_definition(corpus_file("groups_nested")).definition["pages"]
    driving = next(p for p in pages if p["key"] == "driving")
    assert driving["condition"] == {"question": "driver", "equals": "yes"}
    permit = next(q for q in driving["questions"] if q["code"] == "permit")
    assert permit["condition"] == {"question": "cars", "gte": 1}


def test_an_import_with_skipped_parts_needs_the_authors_agreement(programme, author):
    with pytest.raises(SkippedParts) as caught:
        survey_import_xlsform(raw=UNSUPPORTED_TYPES, programme=programme, user=author)
    assert any("row 8 'where' (geopoint)" in line for line in caught.value.result.skipped)
    from surveys.models import Survey

    assert not Survey.objects.filter(slug="imported-survey").exists()
    survey, result = survey_import_xlsform(raw=UNSUPPORTED_TYPES, programme=programme, user=author,
                                           skip_unsupported=True)
    assert survey.slug == "imported-survey" and len(result.skipped) == 19
