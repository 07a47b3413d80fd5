"""Importing an XLSForm (the spreadsheet form standard of ODK and KoboToolbox).

Mapping: a top-level group is a page (its ``relevant`` the page's condition); a question
outside any group gets a page of its own; nested groups join their page (their conditions
move onto their questions); a group marked ``lcr_type = grid`` is a grid of ``range`` items.
select_one/select_multiple -> single/multiple (``or_other`` adds an "other" option and a text
question ``<name>_other``; choices named prefer_not_to_say / dont_know become our special
answers); integer/decimal -> number; range -> scale (whole steps of 1, at most 11 points) or
number; text -> text (long_text with appearance multiline); date -> date; note -> the page's
introduction. Everything else is listed in ``skipped``, never dropped silently.
"""

import re
from dataclasses import dataclass, field

from ..definition import SCHEMA_VERSION, DefinitionError
from ..definition_checks import validate_definition
from ..tabular import TableError, read_workbook
from ..translations import check_translations, translation_languages
from . import xpath
from .sheets import (
    Row,
    XLSFormError,
    choice_lists,
    language_code,
    languages_in,
    rows_of,
    settings_of,
)

NOT_SUPPORTED = {
    "calculate": "calculations are not supported", "rank": "ranking questions are not supported",
    "geopoint": "locations are not collected", "geotrace": "locations are not collected",
    "geoshape": "locations are not collected", "image": "file uploads are not supported",
    "audio": "file uploads are not supported", "video": "file uploads are not supported",
    "file": "file uploads are not supported", "barcode": "barcodes are not supported",
    "time": "times of day are not supported", "datetime": "date-and-time questions are not supported",
    "acknowledge": "acknowledge questions are not supported", "hidden": "hidden values are not supported",
    "trigger": "triggers are not supported", "xml-external": "external data is not supported",
    "csv-external": "external data is not supported", "select_one_from_file": "choices from a file are not supported",
    "select_multiple_from_file": "choices from a file are not supported",
    "select_one_external": "external choices are not supported",
}
METADATA = {"start", "end", "today", "deviceid", "phonenumber", "username", "email", "simserial", "subscriberid",
            "audit", "start-geopoint", "background-audio", "background-geopoint"}
IGNORED_COLUMNS = {"default": "default answers are not supported", "read_only": "read-only questions are not "
                   "supported", "choice_filter": "choice filters are not supported; every choice is shown",
                   "calculation": "calculations are not supported", "trigger": "triggers are not supported",
                   "repeat_count": "repeats are not supported"}
HANDLED = {"type", "name", "required", "relevant", "constraint", "appearance", "parameters", "lcr_special",
           "lcr_characteristic", "lcr_type"}
QUESTION_TYPES = {"select_one", "select_multiple", "integer", "decimal", "range", "text", "date"}


@dataclass
class XLSFormImport:
    definition: dict
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def xlsform_to_definition(raw: bytes, *, slug: str | None = None) -> XLSFormImport:
    """Read an .xlsx XLSForm. Raises XLSFormError if it cannot be imported at all."""
    try:
        sheets = read_workbook(raw)
    except TableError as exc:
        raise XLSFormError([str(exc)]) from exc
    if "survey" not in sheets:
        raise XLSFormError(["The workbook needs a sheet called 'survey'"])
    problems: list[str] = []
    tables = [sheets[name] for name in ("survey", "choices", "settings") if name in sheets]
    survey_rows = rows_of(sheets["survey"], "survey", problems)
    choice_rows = rows_of(sheets["choices"], "choices", problems) if "choices" in sheets else []
    settings = settings_of(rows_of(sheets["settings"], "settings", problems) if "settings" in sheets else [])
    if "type" not in sheets["survey"].header or "name" not in sheets["survey"].header:
        problems.append("The survey sheet needs the columns type and name")
    builder = Builder(_Languages(languages_in(tables), settings, sheets["survey"].header),
                      choice_lists(choice_rows, problems), problems)
    if not problems:
        for row in survey_rows:
            builder.row(row)
        builder.finish()
    if problems:
        raise XLSFormError(problems)
    return builder.result(settings, slug)


class _Languages:
    """Which language columns hold the main text, and which become translations."""

    def __init__(self, found: dict[str, str | None], settings: Row, header: list[str]):
        self.skipped = [f"columns in '{suffix}': language not recognised; name it like 'Welsh (cy)'"
                        for suffix, code in found.items() if code is None]
        known = {suffix: code for suffix, code in found.items() if code}
        default = language_code(settings.get("default_language") or "") or "en"
        by_code = {code: suffix for suffix, code in known.items()}
        self.main = by_code.get("en", "" if "label" in header else by_code.get(default, next(iter(known), "")))
        main_code = known.get(self.main, "en")
        offered = translation_languages()
        self.others = {suffix: code for suffix, code in known.items() if code != main_code and code in offered}
        self.skipped += [f"columns in '{suffix}': this site does not offer the language '{code}'"
                         for suffix, code in known.items() if code != main_code and code not in offered]
        self.notes = [] if main_code == "en" else [
            f"The main text is in '{self.main}'; the service's own words (buttons, messages) stay in English"]

    def text(self, row: Row, column: str) -> str:
        return row.text(column, self.main) or row.text(column, "")

    def translations(self, row: Row, column: str) -> dict[str, str]:
        return {code: row.text(column, suffix) for suffix, code in self.others.items() if row.text(column, suffix)}


class Builder:
    """Walks the survey sheet's rows, building pages and noting what could not be kept."""

    def __init__(self, languages: _Languages, lists: dict, problems: list[str]):
        self.languages, self.lists, self.problems = languages, lists, problems
        self.pages: list[dict] = []
        self.page: dict | None = None
        self.stack: list[dict] = []
        self.codes: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.pending_intro: list[str] = []
        self.translations: dict[str, dict[str, str]] = {code: {} for code in languages.others.values()}
        self.skipped, self.notes = list(languages.skipped), list(languages.notes)
        self.integers: list[str] = []
        self.reserved: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------

    def where(self, row: Row) -> str:
        name = row.get("name")
        return f"row {row.number}" + (f" '{name}'" if name else "") + f" ({row.get('type')})"

    def text(self, row: Row, column: str, key: str | None) -> str:
        if key:
            for language, text in self.languages.translations(row, column).items():
                self.translations[language][key] = text
        return self.languages.text(row, column)

    def new_code(self, name: str, row: Row) -> str:
        code = re.sub(r"[^a-z0-9_]", "_", name.lower())
        code = code if re.match(r"[a-z]", code) else f"q_{code}"
        code, base, n = code[:60], code[:56], 2
        while code in self.reserved:
            code, n = f"{base}_{n}", n + 1
        self.reserved.add(code)
        if code != name:
            self.notes.append(f"row {row.number} '{name}': code changed to '{code}' (codes use a-z, 0-9 and _)")
        return code

    def condition(self, row: Row, text: str) -> dict | None:
        if not text:
            return None
        try:
            return xpath.to_condition(text, self.codes, self.kinds)
        except xpath.Unsupported as exc:
            self.skipped.append(f"{self.where(row)}: relevant '{text}' not supported ({exc}); shown to everyone")
            return None

    def inherited_conditions(self) -> list[dict]:
        """Conditions of groups nested inside a page: they move onto each of their questions."""
        return [g["condition"] for g in self.stack if g["kind"] == "nested" and g.get("condition")]

    def report_columns(self, row: Row) -> None:
        for column, value in row.cells.items():
            if column in HANDLED or value in (None, ""):
                continue
            reason = IGNORED_COLUMNS.get(column) or (
                "pictures and sound are not supported" if column.startswith("media") or column in
                ("image", "audio", "video") else "this column is not supported")
            self.skipped.append(f"{self.where(row)}: column '{column}' skipped: {reason}")
        for column in ("guidance_hint", "constraint_message"):
            if self.languages.text(row, column):
                self.notes.append(f"{self.where(row)}: {column} not kept; the platform's own guidance is shown")
        if "${" in self.languages.text(row, "label"):
            self.skipped.append(f"{self.where(row)}: answers inserted into the label (${{...}}) are shown as written")

    # -- rows ------------------------------------------------------------------------------

    def row(self, row: Row) -> None:
        words = row.get("type").split()
        if not words:
            if row.get("name") or self.languages.text(row, "label"):
                self.skipped.append(f"row {row.number}: no type, skipped")
            return
        base = "_".join(words[:2]).lower() if words[0].lower() in ("begin", "end") else words[0].lower()
        rest = words[2:] if words[0].lower() in ("begin", "end") else words[1:]
        if any(g["kind"] == "repeat" for g in self.stack):
            self.in_repeat(row, base)
        elif base == "begin_group":
            self.begin_group(row)
        elif base == "end_group":
            self.end_group(row)
        elif base == "begin_repeat":
            self.skipped.append(f"{self.where(row)}: repeats are not supported; the repeat and its questions "
                                "are skipped")
            self.stack.append({"kind": "repeat", "row": row.number})
        elif base in ("end_repeat",):
            self.problems.append(f"row {row.number}: end repeat without begin repeat")
        else:
            if base in QUESTION_TYPES or base == "note":
                self.report_columns(row)  # a skipped row is reported once, as a whole
            self.item(row, base, rest)

    def in_repeat(self, row: Row, base: str) -> None:
        if base.startswith("begin_"):
            self.stack.append({"kind": "skip", "row": row.number})
        elif base.startswith("end_"):
            self.stack.pop()
        else:
            self.skipped.append(f"{self.where(row)}: inside a repeat, skipped")

    def item(self, row: Row, base: str, rest: list[str]) -> None:
        from .questions import grid_item, question_from_row

        if self.stack and self.stack[-1]["kind"] == "grid":
            grid_item(self, self.stack[-1], row, base)
        elif base in METADATA:
            self.skipped.append(f"{self.where(row)}: device metadata is not collected, skipped")
        elif base in NOT_SUPPORTED:
            self.skipped.append(f"{self.where(row)}: not supported, skipped ({NOT_SUPPORTED[base]})")
        elif base == "note":
            self.note(row)
        elif base in QUESTION_TYPES:
            if not row.get("name"):
                self.problems.append(f"row {row.number}: a {base} question needs a name")
                return
            for question in question_from_row(self, row, base, rest):
                self.place(question)
        else:
            self.skipped.append(f"{self.where(row)}: '{base}' is not an XLSForm type we know, skipped")

    def note(self, row: Row) -> None:
        if row.get("relevant"):
            self.notes.append(f"{self.where(row)}: the note's relevant is not kept; the note is always shown")
        text = self.languages.text(row, "label")
        if self.page is not None:
            key = f"page.{self.page['key']}.intro"
            self.page["intro"] = "\n\n".join(filter(None, [self.page["intro"], self.text(row, "label", key)]))
        elif text:
            self.pending_intro.append((row, text))

    def place(self, question: dict) -> None:
        """Put a question on the open page, or on a page of its own outside any group (where
        its condition becomes the page's, so a hidden question never leaves an empty page)."""
        conditions = self.inherited_conditions() + [c for c in [question.pop("condition", None)] if c]
        condition = conditions[0] if len(conditions) == 1 else {"all": conditions} if conditions else None
        if self.page is None:
            page = self.new_page(question["code"], "", condition)
            page["questions"].append(question)
            self.pages.append(page)
        else:
            question["condition"] = condition
            self.page["questions"].append(question)
        self.register(question)

    def register(self, question: dict) -> None:
        """Later relevant expressions may now refer to this question (and its grid items)."""
        for item in question.get("items") or []:
            self.kinds[item["code"]] = "grid"
        self.kinds[question["code"]] = question["type"]
        names = question.pop("xlsform_names", {question["code"]: question["code"]})
        self.codes.update(names)

    def new_page(self, name: str, title: str, condition) -> dict:
        key = re.sub(r"[^a-z0-9_-]", "-", name.lower()).strip("-_")[:56] or "page"
        base, n = key, 2
        while key in {p["key"] for p in self.pages} or (self.page and key == self.page["key"]):
            key, n = f"{base}-{n}", n + 1
        intro = "\n\n".join(text for _, text in self.pending_intro)
        for note_row, _ in self.pending_intro:
            for language, text in self.languages.translations(note_row, "label").items():
                self.translations[language][f"page.{key}.intro"] = text
        self.pending_intro = []
        return {"key": key, "title": title, "intro": intro, "condition": condition, "questions": []}

    # -- groups ----------------------------------------------------------------------------

    def begin_group(self, row: Row) -> None:
        from .questions import grid_start

        self.report_columns(row)
        condition = self.condition(row, row.get("relevant"))
        if row.get("lcr_type").lower() == "grid":
            self.stack.append(grid_start(self, row, condition))
        elif self.page is None:
            self.page = self.new_page(row.get("name") or f"page-{row.number}", "", condition)
            self.page["title"] = self.text(row, "label", f"page.{self.page['key']}.title")
            self.stack.append({"kind": "page", "row": row.number, "condition": condition})
        else:
            self.notes.append(f"{self.where(row)}: group inside a group; its questions join page "
                              f"'{self.page['key']}'")
            self.stack.append({"kind": "nested", "row": row.number, "condition": condition})

    def end_group(self, row: Row) -> None:
        from .questions import grid_finish

        if not self.stack:
            self.problems.append(f"row {row.number}: end group without begin group")
            return
        group = self.stack.pop()
        if group["kind"] == "grid":
            question = grid_finish(self, group)
            if question:
                self.place(question)
        elif group["kind"] == "page":
            if self.page["questions"]:
                self.pages.append(self.page)
            else:
                self.skipped.append(f"row {group['row']}: group '{self.page['key']}' has no questions we can "
                                    "import, skipped")
            self.page = None

    def finish(self) -> None:
        for group in self.stack:
            self.problems.append(f"row {group['row']}: this group or repeat has no matching end")
        for row, _ in self.pending_intro:
            self.skipped.append(f"{self.where(row)}: note after the last question, skipped")
        if not self.problems and not self.pages:
            self.problems.append("No questions could be imported from this form")

    def result(self, settings: Row, slug: str | None) -> XLSFormImport:
        from .questions import survey_meta

        meta = survey_meta(self, settings, slug)
        if self.integers:
            self.notes.append(f"integer questions ({', '.join(self.integers)}) accept any number; whole numbers "
                              "are not enforced")
        definition = {"schema": SCHEMA_VERSION, "survey": meta, "pages": self.pages}
        translations = {language: table for language, table in self.translations.items() if table}
        if translations:
            definition["translations"] = translations
        try:
            validate_definition(definition)
        except DefinitionError as exc:
            raise XLSFormError(exc.problems) from exc
        problems = check_translations(translations, definition)
        if problems:
            raise XLSFormError(problems)
        return XLSFormImport(definition=definition, skipped=self.skipped, notes=self.notes)

