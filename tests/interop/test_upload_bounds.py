"""Hostile spreadsheets: the one reader (surveys/tabular.py) refuses them in bounded memory (issue 21).

The findings: a 254 KB .xlsx declaring A1:XFD50000, or one cell in column XFD on 50,000 rows, grew a
worker to 3.6 GB; a workbook with one huge inline string was read whole; a CSV with 1,000,000
columns hung the worker (quadratic duplicate-header check). Each is rebuilt here and must be refused
with a clear message while the reader allocates little (tracemalloc measures Python's allocations,
which is where those gigabytes went). Then every upload page gets a zip bomb and a 50 MB file.
"""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from surveys.models import Response, Survey
from surveys.tabular import MAX_COLUMNS, TableError, read_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PEAK_LIMIT = 64 * 1024 * 1024


def _template() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "local_authority"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(sheet_data: bytes, dimension: bytes | None) -> bytes:
    """A real openpyxl workbook whose first sheet's cells (and declared size) are replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(_template())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<dimension[^>]*/>", b"" if dimension is None else b'<dimension ref="%s"/>' % dimension,
                              data)
                data = re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + sheet_data + b"</sheetData>", data,
                              flags=re.DOTALL)
            target.writestr(info.filename, data)
    return out.getvalue()


def _cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def column_xfd_on_every_row(rows=50_000) -> bytes:
    header = b'<row r="1">' + _cell("A1", "local_authority") + b"</row>"
    body = b"".join(b'<row r="%d">' % r + _cell(f"XFD{r}", "x") + b"</row>" for r in range(2, rows + 1))
    return header + body


def refused(raw: bytes, filename: str) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(TableError) as caught:
            read_table(io.BytesIO(raw), filename)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"{peak / 1e6:.0f} MB allocated to refuse it"
    return str(caught.value)


def test_a_small_workbook_declaring_a_huge_sheet_is_refused_before_reading():
    raw = with_sheet_xml(b'<row r="1">' + _cell("A1", "local_authority") + b"</row>", b"A1:XFD50000")
    assert len(raw) < 300_000
    assert refused(raw, "bomb.xlsx") == f"The sheet 'Sheet' has more than {MAX_COLUMNS} columns (it declares 16384)"


@pytest.mark.parametrize("dimension", [b"A1:XFD50000", None])
def test_one_cell_in_column_xfd_on_50000_rows_is_refused(dimension):
    message = refused(with_sheet_xml(column_xfd_on_every_row(), dimension), "xfd.xlsx")
    expected = "(it declares 16384)" if dimension else "(row 2)"
    assert message == f"The sheet 'Sheet' has more than {MAX_COLUMNS} columns {expected}"


def test_cells_beyond_an_understated_size_are_not_cut_off():
    rows = b"".join(b'<row r="%d">' % r + _cell(f"A{r}", "id") + _cell(f"B{r}", f"v{r}") + b"</row>"
                    for r in range(1, 4))
    table = read_table(io.BytesIO(with_sheet_xml(rows, b"A1:A1")), "understated.xlsx")
    assert table.header == ["id", "v1"] and [cells["v1"] for _, cells in table.rows] == ["v2", "v3"]


def test_a_workbook_with_a_huge_inline_string_is_refused_from_its_zip_directory():
    raw = with_sheet_xml(b'<row r="1">' + _cell("A1", "x" * (80 * 1024 * 1024)) + b"</row>", b"A1:A1")
    assert len(raw) < 1_000_000
    assert refused(raw, "string.xlsx") == ("The workbook unpacks to more than 64 MB in one part "
                                           "(xl/worksheets/sheet1.xml); split it into smaller files")


def test_a_long_cell_is_refused_with_its_place():
    raw = with_sheet_xml(b'<row r="1">' + _cell("A1", "local_authority") + b'</row><row r="2">'
                         + _cell("A2", "y" * 40_000) + b"</row>", b"A1:A2")
    assert refused(raw, "long.xlsx") == ("The sheet 'Sheet': the cell in row 2, column 1 holds more than "
                                         "32,767 characters")


def test_too_many_sheets_are_refused():
    workbook = Workbook()
    for n in range(60):
        workbook.create_sheet(f"s{n}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused(buffer.getvalue(), "sheets.xlsx") == "The workbook has more than 50 sheets"


def test_a_csv_with_a_million_columns_is_refused_quickly():
    raw = ",".join(f"c{n}" for n in range(1_000_000)).encode() + b"\n"
    assert len(raw) > 7_000_000
    assert refused(raw, "wide.csv") == f"The file has more than {MAX_COLUMNS} columns (line 1)"
    quoted_commas = b'id,comment\n1,"' + b"," * 5000 + b'"\n'
    assert read_table(io.BytesIO(quoted_commas), "ok.csv").rows[0][1]["comment"] == "," * 5000


def test_duplicate_headers_are_found_in_linear_time():
    header = ",".join(["dup"] * MAX_COLUMNS)
    assert refused(f"{header}\n".encode(), "dups.csv") == "These column names are used more than once: dup"


def test_a_long_csv_cell_is_refused():
    raw = b"local_authority\n" + b"z" * 40_000 + b"\n"
    assert "row 2, column 1 holds more than 32,767 characters" in refused(raw, "long.csv")


def test_ordinary_files_still_read():
    table = read_table(io.BytesIO(b"id,local_authority\n1,halton\n"), "ok.csv")
    assert table.header == ["id", "local_authority"] and table.rows == [(2, {"id": "1", "local_authority": "halton"})]


# Every upload page, through real HTTP: zip bombs and 50 MB files get an error summary, store nothing.
ZIP_BOMB = with_sheet_xml(b'<row r="1">' + _cell("A1", "key") + b"</row>", b"A1:XFD50000")
FIFTY_MB = b"key,translation\n" + b"a,b\n" * (50 * 1024 * 1024 // 4)


def _uploads(paper_survey, programme):
    return [
        (reverse("surveys_staff:response-import", kwargs={"slug": paper_survey.slug}), {}),
        (reverse("surveys_staff:xlsform-import"), {"programme": programme.pk}),
        (reverse("surveys_staff:translation-list", kwargs={"slug": paper_survey.slug}), {"language": "pl"}),
    ]


# pyxform streams an XLSForm's sheets and stops after a run of empty rows, so the declared
# dimensions cost it nothing (surveys/xlsform/source.py): the bomb is refused for what it lacks.
# Messages are keyed by a part of the page's address ("" for every other page).


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bomb.xlsx", ZIP_BOMB, {"": "columns (it declares 16384)",
                             "/xlsform/": "required column headers were not found"}),
    ("big.csv", FIFTY_MB, {"": "must be smaller than 20 MB"}),
])
def test_every_upload_page_refuses_bombs_and_huge_files(signed_in, author, programme, paper_survey, name,
                                                        content, message):
    browser = signed_in(author)
    responses, surveys = Response.objects.count(), Survey.objects.count()
    for url, fields in _uploads(paper_survey, programme):
        upload = SimpleUploadedFile(name, content, content_type=XLSX if name.endswith("xlsx") else "text/csv")
        reply = browser.post(url, {**fields, "file": upload})
        assert reply.status_code == 200, url
        page = reply.content.decode()
        expected = next((text for part, text in message.items() if part and part in url), message[""])
        assert "govuk-error-summary" in page and expected in page, (url, page[:3000])
    assert (Response.objects.count(), Survey.objects.count()) == (responses, surveys)
    paper_survey.refresh_from_db()
    assert "pl" not in (paper_survey.translations or {})
