"""A corpus of XLSForms written for this project, each with the outcome docs/interop.md documents.

Every form is built here (openpyxl, or XlsxWriter where a formula cell needs the cached value a
spreadsheet program saves with it), so the corpus is reviewable as text. To get the .xlsx files:

    .venv/bin/python tests/interop/xlsforms/corpus.py /tmp/xlsforms
"""

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.styles import PatternFill

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from interop_forms import workbook as book  # a path of its own: this file also runs as a script


@dataclass
class Expect:
    """What importing the form gives: refused (a message part), or the questions (code -> type),
    the skipped parts and notes (message parts), the translations' languages, and the settings."""

    refused: str = ""
    questions: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    languages: set[str] = field(default_factory=set)
    slug: str = ""


YES_NO = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]

QUESTION_TYPES = book({
    "survey": [["type", "name", "label", "hint", "appearance", "parameters", "constraint"],
               ["text", "name", "Your name?", "As you like to be called", "", "", "string-length(.) <= 80"],
               ["text", "story", "Tell us more", "", "multiline", "", ""],
               ["integer", "people", "How many people live with you?", "", "", "", ". >= 0 and . <= 20"],
               ["decimal", "miles", "How many miles do you travel?", "", "", "", ""],
               ["date", "visit", "When did you last visit?", "", "", "", ""],
               ["select_one yn", "bus", "Do you take the bus?", "", "", "", ""],
               ["select_multiple modes", "modes", "How do you travel?", "", "", "",
                "not(selected(., 'none') and count-selected(.) > 1)"],
               ["range", "rating", "Rate the service", "", "", "start=1 end=5 step=1", ""],
               ["range", "wait", "Minutes waiting", "", "", "start=0 end=60 step=5", ""],
               ["note", "thanks", "Thank you", "", "", "", ""]],
    "choices": [*YES_NO, ["modes", "bus", "Bus"], ["modes", "rail", "Rail"], ["modes", "none", "None of these"]],
})

UNSUPPORTED_TYPES = book({
    "survey": [["type", "name", "label", "calculation"],
               ["start", "start", "", ""], ["end", "end", "", ""], ["today", "today", "", ""],
               ["deviceid", "deviceid", "", ""], ["username", "username", "", ""], ["audit", "audit", "", ""],
               ["geopoint", "where", "Where are you?", ""], ["geotrace", "route", "Your route", ""],
               ["geoshape", "area", "The area", ""], ["image", "photo", "A photo", ""],
               ["audio", "voice", "A recording", ""], ["video", "clip", "A video", ""],
               ["file", "doc", "A document", ""], ["barcode", "ticket", "Scan your ticket", ""],
               ["time", "clock", "What time?", ""], ["dateTime", "when", "Date and time?", ""],
               ["calculate", "twice", "", "2 * 2"], ["acknowledge", "ok", "I agree", ""],
               ["hidden", "secret", "", ""],
               ["text", "kept", "The one question we keep", ""]],
})

GROUPS = book({
    "survey": [["type", "name", "label", "relevant", "appearance"],
               ["select_one yn", "driver", "Do you drive?", "", ""],
               ["begin group", "driving", "Driving", "${driver} = 'yes'", "field-list"],
               ["integer", "cars", "How many cars?", "", ""],
               ["begin group", "parking", "Parking", "${cars} >= 1", ""],
               ["select_one yn", "permit", "Do you have a permit?", "", ""],
               ["end group", "parking", "", "", ""],
               ["end group", "driving", "", "", ""],
               ["begin group", "more", "More", "", ""],
               ["text", "other", "Anything else?", "", ""],
               ["end group", "more", "", "", ""]],
    "choices": YES_NO,
})

CASCADE = [["list_name", "name", "label", "area"],
           ["area", "north", "North", ""], ["area", "south", "South", ""],
           ["town", "central", "Central", "north"], ["town", "central", "Central", "south"],
           ["town", "docks", "Docks", "south"]]
CHOICE_FILTER_DUPLICATES = book({
    "survey": [["type", "name", "label", "choice_filter"],
               ["select_one area", "area", "Which area?", ""],
               ["select_one town", "town", "Which town?", "area = ${area}"]],
    "choices": CASCADE,
    "settings": [["form_id", "allow_choice_duplicates"], ["cascade", "yes"]],
})
DUPLICATES_NOT_ALLOWED = book({
    "survey": [["type", "name", "label"], ["select_one town", "town", "Which town?"]],
    "choices": CASCADE,
})

OR_OTHER = book({
    "survey": [["type", "name", "label"], ["select_one colour or_other", "colour", "Favourite colour?"]],
    "choices": [["list_name", "name", "label"], ["colour", "red", "Red"], ["colour", "blue", "Blue"]],
})
YES_NO_ONLY = book({"survey": [["type", "name", "label"], ["select_one yn", "ok", "Is that right?"]],
                    "choices": YES_NO})

FROM_FILE = book({
    "survey": [["type", "name", "label"], ["text", "name", "Name?"],
               ["select_one_from_file stops.csv", "stop", "Which stop?"]],
})
UNKNOWN_TYPE = book({"survey": [["type", "name", "label"], ["text", "name", "Name?"], ["phone", "tel", "Phone?"]]})
REPEAT = book({
    "survey": [["type", "name", "label"], ["text", "name", "Name?"], ["begin repeat", "children", "Each child"],
               ["text", "child", "Child's name"], ["integer", "age", "Child's age"], ["end repeat", "children", ""]],
})


def _translated(separator: str, names: tuple[str, ...]) -> bytes:
    texts = {"en": ("Your name?", "Yes"), "cy": ("Eich enw?", "Ie"), "ar": ("اسمك؟", "نعم")}
    codes = [re.sub(r".*\((\w+)\)$", r"\1", n).lower() if "(" in n else {"english": "en", "welsh": "cy",
             "arabic": "ar"}[n.lower()] for n in names]
    return book({
        "survey": [["type", "name", *[f"label{separator}{n}" for n in names]],
                   ["text", "name", *[texts[c][0] for c in codes]],
                   ["select_one yn", "ok", *[texts[c][1] + "?" for c in codes]]],
        "choices": [["list_name", "name", *[f"label{separator}{n}" for n in names]],
                    ["yn", "yes", *[texts[c][1] for c in codes]], ["yn", "no", *["No", "Na", "لا"][:len(codes)]]],
    })


LANGUAGE_WITH_CODE = _translated("::", ("English (en)", "Welsh (cy)", "Arabic (ar)"))
LANGUAGE_BY_NAME = _translated("::", ("english", "welsh"))
LANGUAGE_SINGLE_COLON = _translated(":", ("English", "Welsh"))
LABEL_ALONE = book({"survey": [["type", "name", "label"], ["text", "name", "Your name?"]]})
LABEL_AND_LANGUAGE = book({"survey": [["type", "name", "label", "label::Cymraeg"], ["text", "name", "Name", "Enw"]]})

SETTINGS = book({
    "survey": [["type", "name", "label::Welsh (cy)", "label::English (en)"], ["text", "name", "Enw?", "Name?"]],
    "settings": [["form_title", "form_id", "version", "default_language"],
                 ["Travel survey", "Travel_Survey_2026", "2026120201", "Welsh (cy)"]],
})
WELSH_FIRST = book({
    "survey": [["type", "name", "label::Welsh (cy)"], ["text", "name", "Enw?"]],
    "settings": [["form_id", "default_language"], ["welsh-only", "Welsh (cy)"]],
})


def _formula_cells() -> bytes:
    """required as =TRUE() / =FALSE() formulas, saved with their values as a spreadsheet program would."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    survey = workbook.add_worksheet("survey")
    survey.write_row(0, 0, ["type", "name", "label", "required"])
    survey.write_row(1, 0, ["text", "must", "Must answer"])
    survey.write_formula(1, 3, "=TRUE()", None, True)
    survey.write_row(2, 0, ["text", "may", "May answer"])
    survey.write_formula(2, 3, "=FALSE()", None, False)
    workbook.close()
    return buffer.getvalue()


def padded(rows: int = 1_000_000) -> bytes:
    """A small form whose survey sheet carries a million blank, formatted rows (as a sheet gets
    when someone colours whole columns): written as XML directly, as openpyxl would take minutes."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in (["type", "name", "label"], ["text", "name", "Your name?"], ["integer", "age", "Your age?"]):
        sheet.append(row)
    sheet["A4"].fill = PatternFill("solid", fgColor="FFFF00")
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                blank = "".join(f'<row r="{n}" s="1" customFormat="1"><c r="A{n}" s="1"/><c r="B{n}" s="1"/></row>'
                                for n in range(5, rows + 5))
                data = re.sub(rb"<dimension ref=\"[^\"]+\"/>", b'<dimension ref="A1:C%d"/>' % (rows + 4), data)
                data = data.replace(b"</sheetData>", blank.encode() + b"</sheetData>")
            target.writestr(item, data)
    return out.getvalue()


def _with_part(name: str, data: bytes, compression: int) -> bytes:
    """A small valid workbook with one more part added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(LABEL_ALONE)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A workbook whose shared strings part unpacks to 64 MB (it is read whole)."""
    return _with_part("xl/sharedStrings.xml", b"<sst>" + b" " * (64 * 1024 * 1024) + b"</sst>", zipfile.ZIP_DEFLATED)


def too_large() -> bytes:
    """51 MB: a workbook with a big picture-like part, stored uncompressed."""
    return _with_part("xl/media/image1.png", bytes(range(256)) * (51 * 4096), zipfile.ZIP_STORED)


NOT_A_SPREADSHEET = b"type,name,label\ntext,name,Your name?\n"

CORPUS: dict[str, tuple] = {  # name -> (the file, or a function making it; what importing gives)
    "question_types": (QUESTION_TYPES, Expect(
        questions={"name": "text", "story": "long_text", "people": "number", "miles": "number", "visit": "date",
                   "bus": "single", "modes": "multiple", "rating": "scale", "wait": "number"},
        notes=["range 0 to 60 in steps of 5 became a number question"],
        skipped=["row 11 'thanks' (note): note after the last question, skipped"])),
    "unsupported_types": (UNSUPPORTED_TYPES, Expect(questions={"kept": "text"}, skipped=[
        "row 2 'start' (start): not supported, skipped (device metadata is not collected)",
        "row 3 'end' (end)", "row 4 'today' (today)",
        "row 5 'deviceid' (deviceid): not supported, skipped (device metadata",
        "row 6 'username' (username): not supported, skipped (device metadata",
        "row 7 'audit' (audit): not supported, skipped (device metadata",
        "row 8 'where' (geopoint): not supported, skipped (locations are not collected)",
        "row 9 'route' (geotrace)", "row 10 'area' (geoshape)",
        "row 11 'photo' (image): not supported, skipped (file uploads and recordings are not supported)",
        "row 12 'voice' (audio)", "row 13 'clip' (video)", "row 14 'doc' (file)",
        "row 15 'ticket' (barcode): not supported, skipped (barcodes are not supported)",
        "row 16 'clock' (time): not supported, skipped (times of day are not supported)",
        "row 17 'when' (dateTime)", "row 18 'twice' (calculate): not supported, skipped (calculations",
        "row 19 'ok' (acknowledge)", "row 20 'secret' (hidden)"])),
    "groups_nested": (GROUPS, Expect(
        questions={"driver": "single", "cars": "number", "permit": "single", "other": "text"},
        notes=["row 5 'parking' (begin group): group inside a group; its questions join page 'driving'",
               "row 9 'more' (begin group): the group's questions are shown together on one page"])),
    "choice_filter_with_duplicates": (CHOICE_FILTER_DUPLICATES, Expect(
        questions={"area": "single", "town": "single"}, slug="cascade",
        skipped=["row 3 'town' (select_one town): column 'choice_filter' skipped: choice filters are not supported"],
        notes=["choice 'central' appears more than once in list 'town' (allow_choice_duplicates)"])),
    "duplicates_not_allowed": (DUPLICATES_NOT_ALLOWED, Expect(
        refused="choices sheet row 5: On the 'choices' sheet, the 'name' value is invalid. Choice names must be "
                "unique for each choice list. If this is intentional, use the setting 'allow_choice_duplicates'")),
    "or_other": (OR_OTHER, Expect(questions={"colour": "single", "colour_other": "text"},
                                  notes=["or_other became the option 'other' and the text question 'colour_other'"])),
    "yes_no_only": (YES_NO_ONLY, Expect(questions={"ok": "single"})),
    "select_one_from_file": (FROM_FILE, Expect(
        refused="survey sheet row 3 'stop' (select_one_from_file stops.csv): choices from the file 'stops.csv'")),
    "unknown_type": (UNKNOWN_TYPE, Expect(refused="survey sheet row 3: Unknown question type 'phone'")),
    "repeat": (REPEAT, Expect(questions={"name": "text"}, skipped=[
        "row 3 'children' (begin repeat): repeats are not supported; the repeat and its questions (child, age)"])),
    "languages_with_codes": (LANGUAGE_WITH_CODE, Expect(
        questions={"name": "text", "ok": "single"}, languages={"cy", "ar"},
        notes=["'Arabic (ar)' is written right to left"])),
    "languages_by_name": (LANGUAGE_BY_NAME, Expect(questions={"name": "text", "ok": "single"}, languages={"cy"})),
    "languages_single_colon": (LANGUAGE_SINGLE_COLON, Expect(questions={"name": "text", "ok": "single"},
                                                             languages={"cy"})),
    "label_alone": (LABEL_ALONE, Expect(questions={"name": "text"}, slug="imported-survey")),
    "label_and_a_language": (LABEL_AND_LANGUAGE, Expect(questions={"name": "text"}, languages={"cy"})),
    "settings": (SETTINGS, Expect(questions={"name": "text"}, languages={"cy"}, slug="travel-survey-2026",
                                  notes=["settings sheet: version '2026120201' is not kept"])),
    "welsh_main_language": (WELSH_FIRST, Expect(questions={"name": "text"}, slug="welsh-only",
                                                notes=["The main text is in 'Welsh (cy)'"])),
    "formula_cells": (_formula_cells, Expect(questions={"must": "text", "may": "text"})),
    "padded_sheet": (padded, Expect(questions={"name": "text", "age": "number"})),
    "zip_bomb": (zip_bomb, Expect(refused="refused as a possible zip bomb")),
    "too_large": (too_large, Expect(refused="The file is larger than 20 MB")),
    "not_a_spreadsheet": (NOT_A_SPREADSHEET, Expect(refused="The file is not a spreadsheet")),
}


def corpus_file(name: str) -> bytes:
    made = CORPUS[name][0]
    return made() if callable(made) else made


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    for corpus_name in CORPUS:
        (folder / f"{corpus_name}.xlsx").write_bytes(corpus_file(corpus_name))
        print(folder / f"{corpus_name}.xlsx")
