"""The languages of an XLSForm, as pyxform read them, mapped onto our translations.

pyxform reads every column form (``label::English (en)``, ``label::english``, ``label:english``,
``label`` alone) and gives a text as a plain string (one language) or as {language name: text},
where the bare ``label`` column is the language "default". The name's code in brackets is
used; without one, the name is looked up (English, Welsh, Cymraeg...). English, else the
bare column, else the settings' default_language, holds the main text.
"""

import re

from django.conf.locale import LANG_INFO
from pyxform.parsing.sheet_headers import RE_SMART_QUOTES, SMART_QUOTES

from ..journey import text_direction
from ..translations import translation_languages

LANGUAGE_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\s*\)\s*$")
TRANSLATED_KEYS = ("label", "hint", "guidance_hint", "jr:constraintMsg", "jr:requiredMsg")
DEFAULT = "default"


def language_code(name: str) -> str | None:
    """'English (en)' -> 'en'; 'Cymraeg' or 'welsh' -> 'cy'; None if not recognised."""
    match = LANGUAGE_CODE.search(name)
    if match:
        return match.group(1).lower()
    wanted = name.strip().lower()
    return next((code for code, info in LANG_INFO.items() if "name" in info and wanted in
                 (info["name"].lower(), info.get("name_local", "").lower())), None)


def names_in(element: dict, found: dict | None = None) -> dict:
    """Language names used anywhere in pyxform's survey JSON, in order of appearance."""
    found = {} if found is None else found
    for key in TRANSLATED_KEYS:
        for holder in (element, element.get("bind") or {}):
            if isinstance(holder.get(key), dict):
                found.update(dict.fromkeys(holder[key]))
    choices = element.get("choices")
    for child in [*element.get("children", []), *(choices if isinstance(choices, list) else [])]:
        names_in(child, found)
    return found


class Languages:
    """Which language holds the main text and which become translations (with what was left out)."""

    def __init__(self, form: dict):
        names = list(names_in(form))
        codes = {name: language_code(name) for name in names if name != DEFAULT}
        by_code = {code: name for name, code in codes.items() if code}
        default = language_code(str(form.get("default_language") or "")) or ""
        self.main = by_code.get("en") or (DEFAULT if DEFAULT in names else by_code.get(default)) or \
            next(iter(names), DEFAULT)
        main_code = codes.get(self.main) or "en"
        offered = translation_languages()
        self.others = {name: code for name, code in codes.items() if code and code != main_code and code in offered}
        self.skipped = [f"columns in '{name}': language not recognised; name it like 'Welsh (cy)'"
                        for name, code in codes.items() if code is None]
        self.skipped += [f"columns in '{name}': this site does not offer the language '{code}'"
                         for name, code in codes.items() if code and code != main_code and code not in offered]
        self.notes = [] if main_code == "en" else [
            f"The main text is in '{self.main}'; the service's own words (buttons, messages) stay in English"]
        self.notes += [f"'{name}' is written right to left: the survey is shown right to left in it"
                       for name, code in self.others.items() if text_direction(code) == "rtl"]

    def text(self, value) -> str:
        if isinstance(value, dict):
            return str(value.get(self.main) or value.get(DEFAULT) or "").strip()
        return str(value or "").strip()

    def translations(self, value) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        return {code: str(value[name]).strip() for name, code in self.others.items() if value.get(name)}

    def listing(self) -> list[dict]:
        """The languages imported, for the import report: code, column name and direction."""
        main = {"code": "en" if self.main == DEFAULT else language_code(self.main) or "en",
                "column": "label (no language named)" if self.main == DEFAULT else self.main}
        return [{**lang, "direction": text_direction(lang["code"])} for lang in
                [main, *({"code": code, "column": name} for name, code in self.others.items())]]


def cell_value(cells: dict, column: str):
    """One of our own columns (which pyxform does not keep) from a raw row, shaped as pyxform
    shapes texts: a string, or {language name: text} when the column has language variants."""
    texts = {}
    for header, value in cells.items():
        base, _, language = header.replace("::", ":").partition(":")
        if base.strip() == column and value not in (None, ""):
            texts[language.strip() or DEFAULT] = str(value)
    return texts.get(DEFAULT, "") if set(texts) <= {DEFAULT} else texts


def as_written(value, raw):
    """pyxform's text with the author's own spelling put back where pyxform changed nothing but
    quotes (it makes curly quotes straight) or spacing (it joins lines): the cell's text wins."""
    if isinstance(value, dict):
        raw = raw if isinstance(raw, dict) else {DEFAULT: raw}
        return {language: as_written(text, raw.get(language)) for language, text in value.items()}
    if isinstance(raw, dict):
        raw = next(iter(raw.values())) if len(raw) == 1 else None
    return raw.strip() if isinstance(raw, str) and _plain(raw) == _plain(value) else value


def _plain(text) -> str:
    return " ".join(RE_SMART_QUOTES.sub(lambda m: SMART_QUOTES[m.group(0)], str(text or "")).split())
