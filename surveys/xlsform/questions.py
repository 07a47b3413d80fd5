"""Turning XLSForm survey-sheet rows into our questions (used by reader.Builder)."""

import re

from . import xpath
from .sheets import SPECIAL_CHOICES, Row

TRUE = {"yes", "true", "true()", "1", "y"}
FALSE = {"", "no", "false", "false()", "0", "n"}
MAX_SCALE_POINTS = 11
OTHER_LABEL = "Specify other."  # pyxform's wording for the or_other text question


def question_from_row(b, row: Row, base: str, rest: list[str]) -> list[dict]:
    """The question(s) a row makes: one, or two for a select with ``or_other``."""
    condition = b.condition(row, row.get("relevant"))
    code = b.new_code(row.get("name"), row)
    q = {"code": code, "type": "text", "text": b.text(row, "label", f"{code}.text") or row.get("name"),
         "help": b.text(row, "hint", f"{code}.help"), "required": _required(b, row), "condition": condition,
         "special": _special(b, row), "xlsform_names": {row.get("name"): code}}
    if not b.languages.text(row, "label"):
        b.notes.append(f"{b.where(row)}: no label; the name is shown as the question")
    if b.languages.text(row, "required_message"):
        q["error"] = b.languages.text(row, "required_message")
    if row.get("lcr_characteristic"):
        q["characteristic"] = row.get("lcr_characteristic")
    limits = _limits(b, row)
    extra = []
    if base in ("select_one", "select_multiple"):
        extra = _choices(b, row, q, base, rest, limits)
    elif base in ("integer", "decimal"):
        q["type"] = "number"
        q.update({k: limits[k] for k in ("min", "max") if k in limits})
        if base == "integer":
            b.integers.append(code)
    elif base == "range":
        _range(b, row, q)
    elif base == "date":
        q["type"] = "date"
    else:
        q["type"] = "long_text" if "multiline" in row.get("appearance").lower() else "text"
        if "max_length" in limits:
            q["max_length"] = int(limits["max_length"])
    _unused_limits(b, row, q, limits)
    return [q, *extra]


def _required(b, row: Row) -> bool:
    value = row.get("required").strip().lower()
    if value in TRUE or value in FALSE:
        return value in TRUE
    b.skipped.append(f"{b.where(row)}: required only when '{row.get('required')}' is not supported; the question "
                     "is optional")
    return False


def _special(b, row: Row) -> list[str]:
    wanted = row.get("lcr_special").split()
    unknown = [s for s in wanted if s not in SPECIAL_CHOICES]
    if unknown:
        b.skipped.append(f"{b.where(row)}: lcr_special '{' '.join(unknown)}' not known, skipped")
    return list(dict.fromkeys(s for s in wanted if s in SPECIAL_CHOICES))


def _limits(b, row: Row) -> dict:
    text = row.get("constraint")
    if not text:
        return {}
    try:
        return xpath.constraint_limits(text)
    except xpath.Unsupported as exc:
        b.skipped.append(f"{b.where(row)}: constraint '{text}' not supported ({exc}); answers are not checked "
                         "against it")
        return {}


def _unused_limits(b, row: Row, q: dict, limits: dict) -> None:
    used = {"number": {"min", "max"}, "text": {"max_length"}, "long_text": {"max_length"},
            "multiple": {"exclusive"}}.get(q["type"], set())
    unused = sorted(set(limits) - used)
    if unused:
        b.skipped.append(f"{b.where(row)}: constraint '{row.get('constraint')}' does not fit a {q['type']} question;"
                         " answers are not checked against it")


def _choices(b, row: Row, q: dict, base: str, rest: list[str], limits: dict) -> list[dict]:
    q["type"] = "single" if base == "select_one" else "multiple"
    list_name = rest[0] if rest else ""
    choices = b.lists.get(list_name)
    if choices is None:
        b.problems.append(f"row {row.number}: the choice list '{list_name}' is not on the choices sheet")
        return []
    exclusive = set(limits.get("exclusive", []))
    q["options"] = []
    for choice in choices:
        if choice.name in SPECIAL_CHOICES:
            q["special"] = list(dict.fromkeys([*q["special"], choice.name]))
            continue
        label = choice.texts.get(b.languages.main) or choice.texts.get("") or choice.name
        for suffix, language in b.languages.others.items():
            if choice.texts.get(suffix):
                b.translations[language][f"{q['code']}.{choice.name}"] = choice.texts[suffix]
        q["options"].append({"code": choice.name, "label": label, "exclusive": choice.name in exclusive})
    if "or_other" in rest[1:]:
        return _or_other(b, row, q)
    return []


def _or_other(b, row: Row, q: dict) -> list[dict]:
    """ODK's or_other: an 'Other' option and a text question shown when it is chosen."""
    if not any(o["code"] == "other" for o in q["options"]):
        q["options"].append({"code": "other", "label": "Other", "exclusive": False})
    code = b.new_code(f"{q['code']}_other", row)
    b.notes.append(f"{b.where(row)}: or_other became the option 'other' and the text question '{code}'")
    return [{"code": code, "type": "text", "text": OTHER_LABEL, "help": "", "required": False, "special": [],
             "condition": {"question": q["code"], "equals": "other"},
             "xlsform_names": {f"{row.get('name')}_other": code}}]


def _parameters(row: Row) -> dict[str, float]:
    found = dict(re.findall(r"(start|end|step)\s*=\s*(-?\d+(?:\.\d+)?)", row.get("parameters")))
    values = {"start": 1.0, "end": 10.0, "step": 1.0}  # ODK's defaults
    values.update({key: float(value) for key, value in found.items()})
    return values


def _range(b, row: Row, q: dict) -> None:
    p = _parameters(row)
    whole = all(v.is_integer() for v in p.values())
    if whole and p["step"] == 1 and p["start"] < p["end"] and p["end"] - p["start"] < MAX_SCALE_POINTS:
        q["type"] = "scale"
        q["scale"] = {"min": int(p["start"]), "max": int(p["end"]),
                      "min_label": b.text(row, "lcr_min_label", f"{q['code']}.min_label"),
                      "max_label": b.text(row, "lcr_max_label", f"{q['code']}.max_label")}
        return
    low, high = sorted((p["start"], p["end"]))
    q.update(type="number", min=_plain(low), max=_plain(high))
    b.notes.append(f"{b.where(row)}: range {_plain(low)} to {_plain(high)} in steps of {_plain(p['step'])} "
                   "became a number question (steps are not enforced)")


def _plain(number: float):
    return int(number) if number.is_integer() else number


# -- grids: a group with lcr_type = grid, holding one range row per item ----------------------

def grid_start(b, row: Row, condition) -> dict:
    code = b.new_code(row.get("name") or f"grid_{row.number}", row)
    return {"kind": "grid", "row": row.number, "condition": condition, "code": code, "items": [],
            "text": b.text(row, "label", f"{code}.text") or code, "help": b.text(row, "hint", f"{code}.help"),
            "source": row}


def grid_item(b, grid: dict, row: Row, base: str) -> None:
    if base == "note":
        grid["help"] = "\n".join(filter(None, [grid["help"], b.languages.text(row, "label")]))
        return
    if base != "range" or not row.get("name"):
        b.skipped.append(f"{b.where(row)}: a grid group may only hold named range items, skipped")
        return
    if row.get("relevant"):
        b.skipped.append(f"{b.where(row)}: grid items cannot have their own relevant; shown with the grid")
    code = b.new_code(row.get("name"), row)
    grid["items"].append({"code": code, "text": b.text(row, "label", f"{code}.text") or code,
                          "name": row.get("name"), "row": row})


def grid_finish(b, grid: dict) -> dict | None:
    if not grid["items"]:
        b.skipped.append(f"row {grid['row']}: grid group '{grid['code']}' has no range items, skipped")
        return None
    first = grid["items"][0]["row"]
    q = {"code": grid["code"], "type": "scale", "text": grid["text"], "help": grid["help"], "special": [],
         "required": _required(b, first), "condition": grid["condition"]}
    _range(b, first, q)
    if q["type"] != "scale":
        b.skipped.append(f"row {grid['row']}: grid '{grid['code']}' needs whole-number range items of at most "
                         f"{MAX_SCALE_POINTS} points, skipped")
        return None
    grid_q = {"code": grid["code"], "type": "grid", "text": grid["text"], "help": grid["help"],
              "required": q["required"], "special": _special(b, first), "scale": q["scale"],
              "condition": grid["condition"],
              "items": [{"code": item["code"], "text": item["text"]} for item in grid["items"]],
              "xlsform_names": {item["name"]: item["code"] for item in grid["items"]}}
    if b.languages.text(first, "required_message"):
        grid_q["error"] = b.languages.text(first, "required_message")
    if grid["source"].get("lcr_characteristic"):
        grid_q["characteristic"] = grid["source"].get("lcr_characteristic")
    return grid_q


def survey_meta(b, settings: Row, slug: str | None) -> dict:
    form_id = settings.get("form_id")
    slug = slug or re.sub(r"[^a-z0-9-]+", "-", form_id.lower()).strip("-")[:50] or "imported-survey"
    b.text(settings, "lcr_title", "survey.title")  # translations only: form_title::<language> wins below
    title = b.text(settings, "form_title", "survey.title") or slug
    meta = {"slug": slug, "title": title,
            "description": b.text(settings, "lcr_description", "survey.description"),
            "time_needed": b.text(settings, "lcr_time_needed", "survey.time_needed") or "5 minutes",
            "privacy_notice": b.text(settings, "lcr_privacy_notice", "survey.privacy_notice")}
    if settings.get("lcr_min_group_size").isdigit():
        meta["min_group_size"] = int(settings.get("lcr_min_group_size"))
    if settings.get("lcr_programme"):
        meta["programme"] = settings.get("lcr_programme")
    if settings.get("lcr_variant_of"):
        meta.update(variant_of=settings.get("lcr_variant_of"), variant_kind=settings.get("lcr_variant_kind"))
    return meta
