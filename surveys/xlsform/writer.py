"""Exporting a definition as an XLSForm workbook (survey, choices and settings sheets).

Each page becomes a group (appearance field-list: one screen), so page keys, titles and
conditions survive a round trip; a page's introduction becomes a note. Things XLSForm has
no column for go in ``lcr_*`` columns that ODK and KoboToolbox ignore: lcr_special (Prefer
not to say / Don't know on non-choice questions), lcr_characteristic, lcr_min_label /
lcr_max_label (scale ends) and lcr_type = grid on a grid's group.
"""

import io

from django.conf.locale import LANG_INFO
from openpyxl import Workbook

from . import xpath
from .questions import SPECIAL_CHOICES

SPECIAL_LABELS = {"prefer_not_to_say": "Prefer not to say", "dont_know": "Don't know"}
SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
                  "appearance", "parameters", "lcr_special", "lcr_characteristic", "lcr_min_label",
                  "lcr_max_label", "lcr_type")
TRANSLATED = {"label", "hint", "required_message", "lcr_min_label", "lcr_max_label"}


def definition_to_xlsform(data: dict) -> bytes:
    languages = ["en", *sorted(data.get("translations", {}))]
    writer = _Writer(data, languages)
    for page in data["pages"]:
        writer.page(page)
    return writer.save()


def language_column(code: str) -> str:
    return f"{LANG_INFO.get(code, {}).get('name', code)} ({code})"


class _Writer:
    def __init__(self, data: dict, languages: list[str]):
        self.data, self.languages = data, languages
        self.tables = {"en": {}, **data.get("translations", {})}
        self.kinds = {code: q["type"] for page in data["pages"] for q in page["questions"]
                      for code in [q["code"], *[i["code"] for i in q.get("items") or []]]}
        self.workbook = Workbook()
        self.survey = self.workbook.active
        self.survey.title = "survey"
        self.choices = self.workbook.create_sheet("choices")
        self.columns = [column for base in SURVEY_COLUMNS for column in self._expand(base)]
        _append(self.survey, self.columns)
        _append(self.choices, ["list_name", "name", *self._expand("label")])

    def _expand(self, column: str) -> list[str]:
        if column not in TRANSLATED or len(self.languages) == 1:
            return [column]
        return [f"{column}::{language_column(code)}" for code in self.languages]

    def row(self, **cells) -> None:
        """One survey row; translated cells are given as {column: (key, English text)} (key None:
        English only, as error messages are)."""
        values = []
        for column in self.columns:
            base, _, language = column.partition("::")
            value = cells.get(base, "")
            if isinstance(value, tuple):
                key, english = value
                code = language[language.rfind("(") + 1:-1] if language else "en"
                value = english if code == "en" else self.tables.get(code, {}).get(key, "")
            values.append(value)
        _append(self.survey, values)

    def page(self, page: dict) -> None:
        key = page["key"]
        self.row(type="begin group", name=key, label=(f"page.{key}.title", page.get("title") or ""),
                 appearance="field-list", relevant=self.relevant(page.get("condition")))
        if page.get("intro"):
            self.row(type="note", name=f"{key.replace('-', '_')}_intro", label=(f"page.{key}.intro", page["intro"]))
        for q in page["questions"]:
            self.question(q)
        self.row(type="end group", name=key)

    def relevant(self, condition) -> str:
        return xpath.from_condition(condition, self.kinds) if condition else ""

    def common(self, q: dict) -> dict:
        code = q["code"]
        return {"name": code, "label": (f"{code}.text", q["text"]), "hint": (f"{code}.help", q.get("help") or ""),
                "required": "yes" if q.get("required") else "", "required_message": (None, q.get("error", "")),
                "relevant": self.relevant(q.get("condition")), "lcr_characteristic": q.get("characteristic", "")}

    def question(self, q: dict) -> None:
        cells = self.common(q)
        kind = q["type"]
        if kind in ("single", "multiple"):
            self.choice_list(q)
            cells.update(type=f"{'select_one' if kind == 'single' else 'select_multiple'} {q['code']}",
                         constraint=xpath.limits_constraint(q))
        elif kind == "grid":
            self.grid(q, cells)
            return
        else:
            cells.update(self.typed(q), lcr_special=" ".join(q.get("special") or []))
        self.row(**cells)

    def typed(self, q: dict) -> dict:
        code, kind = q["code"], q["type"]
        if kind == "scale":
            return self.scale_cells(q, code)
        if kind == "number":
            return {"type": "decimal", "constraint": xpath.limits_constraint(q)}
        if kind == "date":
            return {"type": "date"}
        return {"type": "text", "appearance": "multiline" if kind == "long_text" else "",
                "constraint": xpath.limits_constraint(q)}

    def scale_cells(self, q: dict, code: str) -> dict:
        scale = q["scale"]
        return {"type": "range", "parameters": f"start={scale['min']} end={scale['max']} step=1",
                "lcr_min_label": (f"{code}.min_label", scale.get("min_label") or ""),
                "lcr_max_label": (f"{code}.max_label", scale.get("max_label") or "")}

    def grid(self, q: dict, cells: dict) -> None:
        self.row(type="begin group", name=q["code"], label=cells["label"], hint=cells["hint"],
                 relevant=cells["relevant"], appearance="field-list", lcr_type="grid",
                 lcr_characteristic=cells["lcr_characteristic"])
        for item in q["items"]:
            self.row(**self.scale_cells(q, q["code"]), name=item["code"], label=(f"{item['code']}.text", item["text"]),
                     required=cells["required"], required_message=cells["required_message"],
                     lcr_special=" ".join(q.get("special") or []))
        self.row(type="end group", name=q["code"])

    def choice_list(self, q: dict) -> None:
        options = [(o["code"], (f"{q['code']}.{o['code']}", o["label"])) for o in q["options"]]
        options += [(s, (None, SPECIAL_LABELS[s])) for s in q.get("special") or [] if s in SPECIAL_CHOICES]
        for name, (key, english) in options:
            labels = [english if code == "en" else self.tables.get(code, {}).get(key, "") if key else ""
                      for code in self.languages]
            _append(self.choices, [q["code"], name, *labels])

    def save(self) -> bytes:
        self.settings_sheet()
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()

    def settings_sheet(self) -> None:
        meta = self.data["survey"]
        texts = {"form_title": "title", "lcr_description": "description", "lcr_time_needed": "time_needed",
                 "lcr_privacy_notice": "privacy_notice"}
        header, values = ["form_id", "default_language", "lcr_min_group_size", "lcr_programme"], [
            meta.get("slug", ""), language_column("en"), str(meta.get("min_group_size", "")),
            meta.get("programme", "")]
        if meta.get("variant_of"):
            header += ["lcr_variant_of", "lcr_variant_kind"]
            values += [meta["variant_of"], meta.get("variant_kind", "")]
        for column, field in texts.items():
            header.append(column)
            values.append(meta.get(field) or "")
            for code in self.languages[1:]:
                header.append(f"{'lcr_title' if column == 'form_title' else column}::{language_column(code)}")
                values.append(self.tables.get(code, {}).get(f"survey.{field}", ""))
        sheet = self.workbook.create_sheet("settings")
        _append(sheet, header)
        _append(sheet, values)


def _append(sheet, values: list) -> None:
    """Append a row of text. A value starting with '=' stays text, never becomes a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
