"""Reading an XLSForm with pyxform, after checks that keep hostile files bounded.

pyxform (the XLSForm reference implementation) parses the workbook and checks it as ODK
would: names, groups, choice lists, references in expressions. Before it sees the bytes we
refuse what is not a spreadsheet and zip archives that unpack to far more than they weigh
(pyxform streams worksheets but reads the other parts, such as shared strings, whole).
A sheet padded with blank rows is cheap: pyxform stops reading after a run of empty rows.
"""

import logging
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from ..tabular import MAX_BYTES

log = logging.getLogger(__name__)

MAX_PARTS = 1000
MAX_UNPACKED = 512 * 1024 * 1024  # declared size of all parts; worksheets are streamed, not held
MAX_HELD = 32 * 1024 * 1024  # parts other than worksheets, which are read whole
MAX_RATIO = 100  # a part over 1 MB unpacking to more than 100 times its size is a zip bomb
ZIP, OLE2 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PYXFORM_ROW = re.compile(r"^\[row : (\d+)\]\s*")
SHEET_NAMED = re.compile(r"[Oo]n the '(\w+)' sheet")
QUOTED = re.compile(r"'([^']+)'")


class XLSFormError(ValueError):
    """The workbook cannot be imported; every problem is listed, each naming its sheet and row."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Source:
    """What pyxform read. ``rows`` maps (names of the enclosing groups, name) to the survey sheet
    row number and its cells, which hold our own lcr_* columns that pyxform does not keep."""

    form: dict
    rows: dict[tuple[tuple[str, ...], str], tuple[int, dict]]
    choices: dict[tuple[str, str], dict]  # (list_name, name) -> the choice row's cells
    survey_rows: list[dict]
    settings: dict
    warnings: list[str]


def read(raw: bytes) -> Source:
    """Parse an .xlsx or .xls XLSForm. Raises XLSFormError naming the sheet and row."""
    file_type = check_upload(raw)
    try:
        book = get_xlsform(BytesIO(raw), file_type=f".{file_type}")
    except Exception as exc:  # pyxform, openpyxl or xlrd on a damaged file: a message, never a 500
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise XLSFormError([(f"The file is not a readable .{file_type} workbook ({reason}); save it again from "
                            "a spreadsheet program")]) from exc
    survey_rows = [_lower(cells) for cells in book.survey or []]
    if not book.survey_header:
        raise XLSFormError(["The workbook needs a sheet called 'survey' with a header row (type, name, label)"])
    warnings: list[str] = []
    try:
        form = workbook_to_json(workbook_dict=book, fallback_form_name=book.fallback_form_name, warnings=warnings)
        create_survey_element_from_dict(form).to_xml(validate=False, warnings=warnings)  # reference checks
    except PyXFormError as exc:
        raise XLSFormError([_pyxform_problem(str(exc), survey_rows)]) from exc
    except Exception as exc:  # pyxform meeting input it was not written for: refuse, never a 500
        log.warning("pyxform failed on an XLSForm: %r", exc)
        raise XLSFormError([(f"The form could not be read ({type(exc).__name__}); check it with the XLSForm "
                            "online converter, which names the row")]) from exc
    settings = _lower(book.settings[0]) if book.settings else {}
    choices = {}
    for cells in map(_lower, book.choices or []):
        choices.setdefault((str(cells.get("list_name", cells.get("list name", ""))), str(cells.get("name", ""))),
                           cells)
    return Source(form=form, rows=_row_index(survey_rows), choices=choices, survey_rows=survey_rows,
                  settings=settings, warnings=warnings)


def check_upload(raw: bytes) -> str:
    """'xlsx' or 'xls'; anything else, too large, or a zip bomb raises XLSFormError."""
    if len(raw) > MAX_BYTES:
        raise XLSFormError([(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; an XLSForm is much "
                            "smaller: remove pictures or data sheets")])
    if raw.startswith(OLE2):
        return "xls"
    if not raw.startswith(ZIP):
        raise XLSFormError(["The file is not a spreadsheet: upload the XLSForm as .xlsx (or .xls)"])
    try:
        parts = zipfile.ZipFile(BytesIO(raw)).infolist()
    except zipfile.BadZipFile as exc:
        raise XLSFormError([f"The file is not a readable .xlsx workbook ({exc})"]) from exc
    if len(parts) > MAX_PARTS:
        raise XLSFormError([f"The workbook has {len(parts)} parts; an XLSForm has a few dozen"])
    held = sum(p.file_size for p in parts if not p.filename.startswith("xl/worksheets/"))
    bombs = [p.filename for p in parts if p.file_size > 1024 * 1024
             and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    if bombs or held > MAX_HELD or sum(p.file_size for p in parts) > MAX_UNPACKED:
        raise XLSFormError([(f"The workbook unpacks to far more than its size ({', '.join(bombs) or 'in total'}); "
                            "it is refused as a possible zip bomb. Save it again from a spreadsheet program")])
    return "xlsx"


def _lower(cells: dict) -> dict:
    """Column names in lower case, but not their language part (pyxform keeps its spelling)."""
    return {_column(str(key)): value for key, value in cells.items()}


def _column(header: str) -> str:
    base, colon, language = header.strip().partition(":")
    return base.lower() + colon + language


def _row_index(survey_rows: list[dict]) -> dict:
    rows, groups = {}, []
    for number, cells in enumerate(survey_rows, start=2):
        words = str(cells.get("type", "")).replace("_", " ").lower().split()
        kind, name = " ".join(words[:2]), str(cells.get("name", ""))
        if kind in ("end group", "end repeat"):
            groups = groups[:-1]
            continue
        rows.setdefault((tuple(groups), name), (number, cells))
        if kind in ("begin group", "begin repeat"):
            groups.append(name)
    return rows


def _pyxform_problem(message: str, survey_rows: list[dict]) -> str:
    """pyxform's message, starting with the sheet and row (found by name when pyxform gives none)."""
    message = " ".join(message.split())
    found = PYXFORM_ROW.match(message)
    sheet = SHEET_NAMED.search(message)
    if found:
        return f"{sheet.group(1) if sheet else 'survey'} sheet row {found.group(1)}: {message[found.end():]}"
    if "choices sheet" in message:  # pyxform names no row: point at the first select
        for number, cells in enumerate(survey_rows, start=2):
            if str(cells.get("type", "")).strip().lower().startswith("select"):
                return f"survey sheet row {number} ({cells['type']}): {message}"
    for quoted in QUOTED.findall(message):
        for number, cells in enumerate(survey_rows, start=2):
            written = str(cells.get("type", "")).strip()
            if quoted in (str(cells.get("name", "")), written, written.split(" ")[0]):
                return f"survey sheet row {number}: {message}"
    return message
