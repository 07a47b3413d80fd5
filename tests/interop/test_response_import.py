"""Importing responses from CSV/XLSX: validated row by row, all or nothing, idempotent by id."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from interop_forms import PAPER_SURVEY

from engagement.models import AuditEvent
from surveys.imports import ImportErrors, responses_import
from surveys.models import Channel, Response
from surveys.publishing import survey_import_definition

HEADER = "id,local_authority,services_used,satisfaction,fair_1,fair_2,visits,visit_date,comments,channel,language," \
         "submitted_on"


def run(survey, text, name="paper.csv", encoding="utf-8"):
    return responses_import(survey=survey, uploaded=io.BytesIO(text.encode(encoding)), filename=name)


def problems(survey, text, **kwargs):
    with pytest.raises(ImportErrors) as caught:
        run(survey, text, **kwargs)
    assert not Response.objects.exists()
    return caught.value.problems


@pytest.fixture
def carers(db):
    return Channel.objects.create(code="knowsley-carers", name="Knowsley Carers Centre")


def test_a_csv_of_paper_forms_is_imported_with_every_answer_type(paper_survey, carers):
    text = ("\ufeff" + HEADER + "\r\n"
            "P-001,wirral,bus;rail,4,5,dont_know,3,27/03/2026,\"More buses,\nplease\",knowsley-carers,cy,2026-03-28\r\n"
            "P-002,prefer_not_to_say,none,,,,,2026-01-02,,,,\r\n")
    result = run(paper_survey, text)
    assert (result.rows, result.created, result.already_imported) == (2, 2, 0)
    first = Response.objects.get(answers__local_authority="wirral")
    assert first.answers == {"local_authority": "wirral", "services_used": ["bus", "rail"], "satisfaction": 4,
                             "fair_1": 5, "fair_2": "dont_know", "visits": 3, "visit_date": "2026-03-27",
                             "comments": "More buses,\nplease"}
    assert (first.source, first.channel, first.language, first.submitted_on) == (
        "import", carers, "cy", datetime.date(2026, 3, 28))
    second = Response.objects.get(answers__local_authority="prefer_not_to_say")
    assert second.answers == {"local_authority": "prefer_not_to_say", "services_used": ["none"],
                              "visit_date": "2026-01-02"}
    assert (second.language, second.submitted_on, second.channel) == ("en", timezone.localdate(), None)


def test_importing_the_same_file_twice_stores_each_id_once(paper_survey):
    text = "id,local_authority\nA1,halton\nA2,wirral\n"
    assert run(paper_survey, text).created == 2
    again = run(paper_survey, text + "A3,halton\n")
    assert (again.created, again.already_imported) == (1, 2)
    assert Response.objects.count() == 3


def test_every_bad_row_is_reported_with_its_spreadsheet_row_and_nothing_is_stored(paper_survey):
    text = (HEADER + "\n"
            "1,wirral,bus,4,,,,,,,,\n"                       # row 2: fine
            "2,narnia,bus,4,,,,,,,,\n"                       # row 3: not an option
            "3,halton,bus;none,4,,,,,,,,\n"                  # row 4: exclusive option with another
            "4,halton,,9,,,,,,,,\n"                          # row 5: off the scale
            "5,,,,,,,,,,,\n"                                 # row 6: a required answer missing
            "6,halton,,,,,abc,31/02/2026,,,,\n"              # row 7: not a number, not a date
            "1,halton,,,,,,,,,,\n"                           # row 8: id used on row 2
            "8,halton,,,,,,,,no-such-channel,,\n"            # row 9: unknown channel
            "9,halton,,,,,,,,,xx,\n"                         # row 10: unknown language
            "10,halton,,,,,,,,,,2999-01-01\n"                # row 11: in the future
            "11,halton,,,,,,,,,,yesterday\n")                # row 12: not a date
    found = dict(problems(paper_survey, text))
    assert sorted(found) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert found[3] == "local_authority: Select one of the options shown"
    assert found[4] == "services_used: Select ‘None of these’ on its own, or untick it"
    assert found[5] == "satisfaction: Select a number from 1 to 5"
    assert found[6] == "local_authority: Select an answer"
    assert "visits: Enter a number, like 12" in found[7] and "visit_date: Enter a real date" in found[7]
    assert found[8] == "id: '1' is also used on row 2"
    assert found[9] == "channel: no channel has the code 'no-such-channel'"
    assert found[10].startswith("language: 'xx' is not one of en, cy")
    assert found[11] == "submitted_on: 2999-01-01 is in the future"
    assert found[12].startswith("submitted_on: 'yesterday' is not a date")


@pytest.mark.parametrize(("content", "encoding", "message"), [
    ("", "utf-8", "The file is empty"),
    ("local_authority\n", "utf-8", "The file has column names but no responses"),
    ("local_authority,comments\nhalton,Caf\u00e9 au lait\n", "cp1252", "The file is not UTF-8 text (first problem"),
    ("local_authority,postcode,Age\nhalton,L1 1AA,40\n", "utf-8",
     "These columns are not question codes of this survey: postcode, age."),
    ("local_authority,local_authority\nhalton,wirral\n", "utf-8", "These column names are used more than once"),
    ("local_authority,\nhalton,extra\n", "utf-8", "Row 2 has values in column 2, which has no name in row 1"),
])
def test_files_that_cannot_be_read_are_refused_whole(paper_survey, content, encoding, message):
    found = problems(paper_survey, content, encoding=encoding)
    assert len(found) == 1 and found[0][0] is None and found[0][1].startswith(message), found


def test_only_csv_and_xlsx_are_read(paper_survey):
    assert problems(paper_survey, "x", name="paper.xls")[0][1].startswith("Old Excel (.xls) files cannot be read")
    assert problems(paper_survey, "x", name="paper.pdf")[0][1] == "Upload a .csv or .xlsx file"


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_an_xlsx_with_native_numbers_and_dates_is_imported(paper_survey):
    uploaded = xlsx([["Local_Authority", "satisfaction", "visits", "visit_date", "submitted_on", "comments"],
                     ["halton", 5, 2.0, datetime.datetime(2025, 12, 1), datetime.date(2026, 1, 5), "'=SUM(A1:A2)"]])
    assert responses_import(survey=paper_survey, uploaded=uploaded, filename="paper.xlsx").created == 1
    response = Response.objects.get()
    assert response.answers == {"local_authority": "halton", "satisfaction": 5, "visits": 2,
                                "visit_date": "2025-12-01", "comments": "=SUM(A1:A2)"}
    assert response.submitted_on == datetime.date(2026, 1, 5)


def test_a_formula_in_a_workbook_is_refused_not_evaluated(paper_survey):
    uploaded = xlsx([["local_authority", "visits"], ["halton", "=1+1"], ["wirral", 3]])
    with pytest.raises(ImportErrors) as caught:
        responses_import(survey=paper_survey, uploaded=uploaded, filename="paper.xlsx")
    assert caught.value.problems == [(2, "visits: holds a formula; paste the values instead (Paste Special > Values)")]
    assert not Response.objects.exists()


def test_formula_looking_text_in_a_csv_is_stored_as_text(paper_survey):
    run(paper_survey, 'local_authority,comments\nhalton,"=HYPERLINK(""http://x"",""click"")"\n')
    assert Response.objects.get().answers["comments"] == '=HYPERLINK("http://x","click")'


def test_an_unpublished_survey_cannot_take_imports(programme):
    draft = survey_import_definition(data=PAPER_SURVEY, programme=programme)
    assert problems(draft, "local_authority\nhalton\n") == [(None, "Publish the survey before importing responses")]


def test_imports_are_audited(paper_survey):
    run(paper_survey, "local_authority\nhalton\n")
    event = AuditEvent.objects.get(action="responses.import")
    assert (event.target, event.detail["created"]) == ("paper-survey", 1)
