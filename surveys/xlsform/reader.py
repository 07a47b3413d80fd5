"""Importing an XLSForm (the spreadsheet form standard of ODK and KoboToolbox) read by pyxform.

pyxform parses and checks the workbook (source.read); this module maps its survey JSON onto
our definition. A top-level group is a page (its ``relevant`` the page's condition); a
question outside any group gets a page of its own; nested groups join their page (their
conditions move onto their questions); a group marked ``lcr_type = grid`` is a grid of
``range`` items. Question mapping is in questions.py. Whatever cannot be represented is
listed in ``skipped`` with its sheet and row, never dropped silently; adaptations in ``notes``.
"""

import re
from dataclasses import dataclass, field

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from ..definition import SCHEMA_VERSION, DefinitionError
from ..definition_checks import validate_definition
from ..translations import check_translations
from . import source, xpath
from .languages import Languages, as_written, cell_value
from .questions import (
    ANSWER_TYPES,
    grid_finish,
    grid_item,
    grid_start,
    question_from_element,
    survey_meta,
)
from .source import XLSFormError
from .warnings import in_our_words

GROUPS = {"group", "repeat"}
SKIP_REASONS = {  # by the type pyxform binds the answer to
    "geopoint": "locations are not collected", "geotrace": "locations are not collected",
    "geoshape": "locations are not collected", "binary": "file uploads and recordings are not supported",
    "barcode": "barcodes are not supported", "time": "times of day are not supported",
    "dateTime": "date-and-time questions are not supported", "odk:rank": "ranking questions are not supported",
}
SKIP_TYPES = {"calculate": "calculations are not supported", "hidden": "hidden values are not supported",
              "acknowledge": "acknowledge questions are not supported", "trigger": "triggers are not supported",
              "xml-external": "external data is not supported", "csv-external": "external data is not supported",
              "select one external": "external choices are not supported"}
IGNORED = {"default": "default answers are not supported", "choice_filter": "choice filters are not "
           "supported; every choice is shown", "trigger": "triggers are not supported",
           "media": "pictures and sound are not supported"}
IGNORED_BINDS = {"readonly": "read-only questions are not supported", "calculate": "calculations are not "
                 "supported", "jr:noAppErrorString": None}


@dataclass
class XLSFormImport:
    definition: dict
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    languages: list[dict] = field(default_factory=list)


@dataclass
class Element:
    """One survey sheet row as pyxform read it, with its row number and its raw cells (for our
    own lcr_* columns); ``row`` is None for what pyxform adds, such as or_other's text question."""

    data: dict
    row: int | None
    cells: dict
    path: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.data.get("name", ""))

    @property
    def type(self) -> str:
        return str(self.data.get("type", ""))

    def bind(self, key: str) -> str:
        return str((self.data.get("bind") or {}).get(key) or "").strip()

    def cell(self, column: str) -> str:
        return str(self.cells.get(column) or "").strip()

    def where(self) -> str:
        written = self.cell("type") or self.type
        if self.row is None:
            return f"'{self.name}' (added by pyxform)"
        return f"survey sheet row {self.row} '{self.name}' ({written})"


def xlsform_to_definition(raw: bytes, *, slug: str | None = None) -> XLSFormImport:
    """Read an XLSForm. Raises XLSFormError if it cannot be imported at all."""
    read = source.read(raw)
    builder = Builder(read, Languages(read.form))
    for child in read.form.get("children", []):
        builder.element(builder.wrap(child, ()))
    builder.finish()
    return builder.result(read.settings, slug)


class Builder:
    """Walks pyxform's tree of elements, building pages and noting what could not be kept."""

    def __init__(self, read: source.Source, languages: Languages):
        self.source, self.languages = read, languages
        self.pages: list[dict] = []
        self.page: dict | None = None
        self.nested: list[dict | None] = []  # conditions of groups nested inside the open page
        self.codes: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.pending_intro: list[Element] = []
        self.translations: dict[str, dict[str, str]] = {code: {} for code in languages.others.values()}
        self.skipped, self.notes, self.problems = list(languages.skipped), list(languages.notes), []
        self.integers: list[str] = []
        self.reserved: set[str] = set()
        self.skipped_rows: set[int | None] = set()  # pyxform's warnings about these rows do not matter

    # -- helpers ---------------------------------------------------------------------------

    def wrap(self, data: dict, path: tuple[str, ...]) -> Element:
        row, cells = self.source.rows.get((path, str(data.get("name", ""))), (None, {}))
        return Element(data=data, row=row, cells=cells, path=path)

    def text(self, value, key: str | None) -> str:
        """The main text of a pyxform text value, keeping its other languages under ``key``."""
        if key:
            for language, text in self.languages.translations(value).items():
                self.translations[language][key] = text
        return self.languages.text(value)

    def text_of(self, el: Element, column: str, key: str | None) -> str:
        """The main text of one of the row's text columns (label, hint, required_message)."""
        value = (el.data.get("bind") or {}).get("jr:requiredMsg") if column == "required_message" else \
            el.data.get(column)
        return self.text(as_written(value, cell_value(el.cells, column)), key)

    def new_code(self, name: str, el: Element) -> str:
        code = re.sub(r"[^a-z0-9_]", "_", name.lower())
        code = code if re.match(r"[a-z]", code) else f"q_{code}"
        code, base, n = code[:60], code[:56], 2
        while code in self.reserved:
            code, n = f"{base}_{n}", n + 1
        self.reserved.add(code)
        if code != name:
            self.notes.append(f"{el.where()}: code changed to '{code}' (codes use a-z, 0-9 and _)")
        return code

    def condition(self, el: Element, text: str) -> dict | None:
        if not text:
            return None
        try:
            return xpath.to_condition(text, self.codes, self.kinds)
        except xpath.Unsupported as exc:
            self.skipped.append(f"{el.where()}: relevant '{text}' not supported ({exc}); shown to everyone")
            return None

    def report_columns(self, el: Element) -> None:
        for key, reason in IGNORED.items():
            if el.data.get(key) not in (None, "", {}):
                self.skipped.append(f"{el.where()}: column '{key}' skipped: {reason}")
        for key, reason in IGNORED_BINDS.items():
            if reason and el.bind(key) and el.bind(key) not in ("false()", "no"):
                self.skipped.append(f"{el.where()}: {key} '{el.bind(key)}' skipped: {reason}")
        for what, value in (("guidance_hint", el.data.get("guidance_hint")),
                            ("constraint_message", (el.data.get("bind") or {}).get("jr:constraintMsg"))):
            if value:
                self.notes.append(f"{el.where()}: {what} not kept; the platform's own guidance is shown")
        if "${" in self.languages.text(el.data.get("label")):
            self.skipped.append(f"{el.where()}: answers inserted into the label (${{...}}) are shown as written")

    # -- elements --------------------------------------------------------------------------

    def element(self, el: Element) -> None:
        if el.name == "meta" and el.type == "group" and (el.data.get("control") or {}).get("bodyless"):
            for child in el.data.get("children", []):  # pyxform's instanceID, and metadata such as audit
                if child.get("name") != "instanceID":
                    self.item(self.wrap(child, ()))
            return
        if el.type == "repeat":
            self.repeat(el)
        elif el.type == "group":
            self.group(el)
        elif el.type == "note":
            self.note(el)
        else:
            self.item(el)

    def children(self, el: Element) -> list[Element]:
        return [self.wrap(child, (*el.path, el.name)) for child in el.data.get("children", [])]

    def repeat(self, el: Element) -> None:
        inside = self.children(el)
        self.skip(el, f"repeats are not supported; the repeat and its questions "
                      f"({', '.join(c.name for c in inside) or 'none'}) are skipped")
        self.skipped_rows.update(c.row for c in inside)

    def skip(self, el: Element, why: str) -> None:
        self.skipped.append(f"{el.where()}: {why}")
        self.skipped_rows.add(el.row)

    def item(self, el: Element) -> None:
        if self.nested and isinstance(self.nested[-1], dict) and self.nested[-1].get("kind") == "grid":
            grid_item(self, self.nested[-1], el)
            return
        reason = unsupported(el.type)
        if reason:
            self.skip(el, f"not supported, skipped ({reason})")
            return
        self.report_columns(el)
        for question in question_from_element(self, el):
            self.place(question)

    def note(self, el: Element) -> None:
        if self.nested and isinstance(self.nested[-1], dict) and self.nested[-1].get("kind") == "grid":
            grid_item(self, self.nested[-1], el)
            return
        if el.bind("relevant"):
            self.notes.append(f"{el.where()}: the note's relevant is not kept; the note is always shown")
        if self.page is not None:
            key = f"page.{self.page['key']}.intro"
            self.page["intro"] = "\n\n".join(filter(None, [self.page["intro"], self.text_of(el, "label", key)]))
        elif self.languages.text(el.data.get("label")):
            self.pending_intro.append(el)

    def place(self, question: dict) -> None:
        """Put a question on the open page, or on a page of its own outside any group (where
        its condition becomes the page's, so a hidden question never leaves an empty page)."""
        inherited = [c for c in self.nested if c and "kind" not in c]
        conditions = inherited + [c for c in [question.pop("condition", None)] if c]
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
        self.codes.update(question.pop("xlsform_names", {question["code"]: question["code"]}))

    def new_page(self, name: str, title: str, condition) -> dict:
        key = re.sub(r"[^a-z0-9_-]", "-", name.lower()).strip("-_")[:56] or "page"
        base, n = key, 2
        while key in {p["key"] for p in self.pages} or (self.page and key == self.page["key"]):
            key, n = f"{base}-{n}", n + 1
        intro = "\n\n".join(self.text_of(note, "label", f"page.{key}.intro") for note in self.pending_intro)
        for note in self.pending_intro[1:]:  # translations of several notes: joined like the English
            for language, text in self.languages.translations(note.data.get("label")).items():
                joined = self.translations[language].get(f"page.{key}.intro", "")
                self.translations[language][f"page.{key}.intro"] = "\n\n".join(filter(None, [joined, text]))
        self.pending_intro = []
        return {"key": key, "title": title, "intro": intro, "condition": condition, "questions": []}

    # -- groups ----------------------------------------------------------------------------

    def group(self, el: Element) -> None:
        self.report_columns(el)
        condition = self.condition(el, el.bind("relevant"))
        if el.cell("lcr_type").lower() == "grid":
            grid = grid_start(self, el, condition)
            self.nested.append(grid)
            for child in self.children(el):
                self.element(child)
            self.nested.pop()
            question = grid_finish(self, grid)
            if question:
                self.place(question)
        elif self.page is None:
            self.page_group(el, condition)
        else:
            self.notes.append(f"{el.where()}: group inside a group; its questions join page '{self.page['key']}'")
            self.nested.append(condition)
            for child in self.children(el):
                self.element(child)
            self.nested.pop()

    def page_group(self, el: Element, condition) -> None:
        self.page = self.new_page(el.name, "", condition)
        self.page["title"] = self.text_of(el, "label", f"page.{self.page['key']}.title")
        if "field-list" not in str((el.data.get("control") or {}).get("appearance", "")):
            self.notes.append(f"{el.where()}: the group's questions are shown together on one page (as with "
                              "appearance field-list)")
        for child in self.children(el):
            self.element(child)
        if self.page["questions"]:
            self.pages.append(self.page)
        else:
            self.skipped.append(f"{el.where()}: group '{self.page['key']}' has no questions we can import, skipped")
        self.page = None

    def finish(self) -> None:
        for note in self.pending_intro:
            self.skipped.append(f"{note.where()}: note after the last question, skipped")
        if not self.problems and not self.pages:
            kept = "; ".join(self.skipped[:5])
            self.problems.append("No questions could be imported from this form" + (f" ({kept})" if kept else ""))
        if self.problems:
            raise XLSFormError(self.problems)

    def result(self, settings: dict, slug: str | None) -> XLSFormImport:
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
        return XLSFormImport(definition=definition, skipped=self.skipped, notes=self.notes,
                             warnings=in_our_words(self.source.warnings, self.skipped_rows), languages=self.languages.listing())


def unsupported(type_: str) -> str | None:
    """Why a question type cannot be imported (None if it can), from what pyxform knows of it."""
    if type_ in ANSWER_TYPES:
        return None
    bind = QUESTION_TYPE_DICT.get(type_, {}).get("bind", {})
    if "jr:preload" in bind or type_ in ("audit", "start-geopoint", "background-geopoint", "background-audio"):
        return "device metadata is not collected"
    return SKIP_TYPES.get(type_) or SKIP_REASONS.get(bind.get("type")) or f"'{type_}' questions are not supported"
