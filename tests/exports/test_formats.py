"""CSV and XLSX writers open in ordinary readers, with formula-like text neutralised."""

import csv
import io

import openpyxl
import pytest

from analysis.exports.csv_format import sheets_to_csv
from analysis.exports.safe import safe_cell
from analysis.exports.sheets import Sheet, sheet_names
from analysis.exports.xlsx_format import sheets_to_xlsx

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_strings_get_a_leading_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Liverpool", "", "a=b", -0.6, 12, None, True])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def _sheet():
    rows = [[text, 12, -0.6, None] for text in HOSTILE]
    return Sheet(name="=evil", title="+title", columns=["group", "n", "diff_vs_rest", "mean"], rows=rows,
                 notes=["@note"])


def test_csv_opens_with_the_csv_module_and_neutralises_every_cell():
    data = sheets_to_csv([_sheet()], {"Survey": "=cmd|' /C calc'!A0"})
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["# Survey", "'=cmd|' /C calc'!A0"]
    header = rows.index(["table", "group", "n", "diff_vs_rest", "mean"])
    body = rows[header + 1:]
    assert [r[1] for r in body] == ["'" + t for t in HOSTILE]
    assert {r[0] for r in body} == {"'=evil"}
    assert body[0][2:] == ["12", "-0.6", ""]  # numbers stay numbers, a negative one too


def test_xlsx_opens_in_openpyxl_with_text_not_formulas(tmp_path):
    path = tmp_path / "out.xlsx"
    sheets_to_xlsx([_sheet()], {"Survey": "+44 151"}, str(path))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["About", "=evil"]
    about = book["About"]
    assert about["B1"].value == "'+44 151"
    ws = book["=evil"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)  # not a single formula cell
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert all(not t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)
    header_row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "group")
    assert header_row == ("group", "n", "diff_vs_rest", "mean")
    first = next(r for r in ws.iter_rows(values_only=True) if r[0] == "'" + HOSTILE[0])
    assert first[1:] == (12, -0.6, None)


def test_sheet_names_are_excel_safe_and_unique():
    names = sheet_names(["satisfaction by sex", "satisfaction by sex", "a/b:c*d?[e]", "x" * 40, ""])
    assert names[0] == "satisfaction by sex"
    assert names[1] == "satisfaction by sex (2)"
    assert not any(ch in names[2] for ch in "[]:*?/\\")
    assert all(len(n) <= 31 for n in names)
    assert names[4] == "Table"
