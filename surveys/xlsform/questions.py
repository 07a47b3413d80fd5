"""Turning pyxform's question elements into our questions (used by reader.Builder)."""

import contextlib
import re

from . import xpath
from .languages import as_written, cell_value
from .source import XLSFormError

SPECIAL_CHOICES = ("prefer_not_to_say", "dont_know")
ANSWER_TYPES = {"select one": "single", "select all that apply": "multiple", "integer": "number",
                "int": "number", "decimal": "number", "range": "scale", "text": "text", "string": "text",
                "date": "date"}
TRUE = {"yes", "true", "true()", "1", "y"}
FALSE = {"", "no", "false", "false()", "0", "n"}
MAX_SCALE_POINTS = 11
FILE_CHOICES = re.compile(r"\.(csv|xml|geojson)$", re.IGNORECASE)


def question_from_element(b, el) -> list[dict]:
    """The question(s) an element makes: one, or two for a select with ``or_other``."""
    condition = b.condition(el, el.bind("relevant"))
    code = b.new_code(el.name, el)
    label = el.data.get("label")
    q = {"code": code, "type": "text", "text": b.text_of(el, "label", f"{code}.text") or el.name,
         "help": b.text_of(el, "hint", f"{code}.help"), "required": _required(b, el),
         "condition": condition, "special": _special(b, el), "xlsform_names": {el.name: code}}
    if not b.languages.text(label):
        b.notes.append(f"{el.where()}: no label; the name is shown as the question")
    error = b.text_of(el, "required_message", None)
    if error:
        q["error"] = error
    if el.cell("lcr_characteristic"):
        q["characteristic"] = el.cell("lcr_characteristic")
    limits = _limits(b, el)
    kind = ANSWER_TYPES[el.type]
    if kind in ("single", "multiple"):
        _choices(b, el, q, kind, limits)
    elif kind == "number":
        q["type"] = "number"
        q.update({k: limits[k] for k in ("min", "max") if k in limits})
        if el.type in ("integer", "int"):
            b.integers.append(code)
    elif kind == "scale":
        _range(b, el, q)
    elif kind == "date":
        q["type"] = "date"
    else:
        q["type"] = "long_text" if "multiline" in _appearance(el) else "text"
        if "max_length" in limits:
            q["max_length"] = int(limits["max_length"])
    _unused_limits(b, el, q, limits)
    return [q]


def _appearance(el) -> str:
    return str((el.data.get("control") or {}).get("appearance") or "").lower()


def _required(b, el) -> bool:
    value = el.bind("required").lower()
    if value in TRUE or value in FALSE:
        return value in TRUE
    b.skipped.append(f"{el.where()}: required only when '{el.bind('required')}' is not supported; the question "
                     "is optional")
    return False


def _special(b, el) -> list[str]:
    wanted = el.cell("lcr_special").split()
    unknown = [s for s in wanted if s not in SPECIAL_CHOICES]
    if unknown:
        b.skipped.append(f"{el.where()}: lcr_special '{' '.join(unknown)}' not known, skipped")
    return list(dict.fromkeys(s for s in wanted if s in SPECIAL_CHOICES))


def _limits(b, el) -> dict:
    text = el.bind("constraint")
    if not text:
        return {}
    try:
        return xpath.constraint_limits(text)
    except xpath.Unsupported as exc:
        b.skipped.append(f"{el.where()}: constraint '{text}' not supported ({exc}); answers are not checked "
                         "against it")
        return {}


def _unused_limits(b, el, q: dict, limits: dict) -> None:
    used = {"number": {"min", "max"}, "text": {"max_length"}, "long_text": {"max_length"},
            "multiple": {"exclusive"}}.get(q["type"], set())
    if set(limits) - used:
        b.skipped.append(f"{el.where()}: constraint '{el.bind('constraint')}' does not fit a {q['type']} "
                         "question; answers are not checked against it")


def _choices(b, el, q: dict, kind: str, limits: dict) -> None:
    q["type"] = kind
    choices = el.data.get("choices")
    if not isinstance(choices, list):
        itemset = str(el.data.get("itemset") or el.data.get("list_name") or "")
        if FILE_CHOICES.search(itemset):
            raise XLSFormError([(f"{el.where()}: choices from the file '{itemset}' (select_one_from_file) cannot "
                                "be imported; copy the choices onto the choices sheet and use select_one")])
        raise XLSFormError([f"{el.where()}: the choice list '{itemset}' could not be read"])
    exclusive = set(limits.get("exclusive", []))
    q["options"], seen = [], set()
    for choice in choices:
        name = str(choice.get("name", ""))
        if name in seen:
            b.notes.append(f"{el.where()}: choice '{name}' appears more than once in list "
                           f"'{el.data.get('list_name')}' (allow_choice_duplicates); it is offered once")
            continue
        seen.add(name)
        if name in SPECIAL_CHOICES:
            q["special"] = list(dict.fromkeys([*q["special"], name]))
            continue
        raw = b.source.choices.get((str(el.data.get("list_name")), name), {})
        label = b.text(as_written(choice.get("label"), cell_value(raw, "label")), f"{q['code']}.{name}") or name
        q["options"].append({"code": name, "label": label, "exclusive": name in exclusive})
    if "or_other" in el.cell("type").split():
        b.notes.append(f"{el.where()}: or_other became the option 'other' and the text question "
                       f"'{el.name}_other' (in English only, as pyxform writes it)")


def _parameters(el) -> dict[str, float]:
    given = el.data.get("parameters") or {}
    values = {"start": 1.0, "end": 10.0, "step": 1.0}  # ODK's defaults
    for key, default in values.items():
        with contextlib.suppress(TypeError, ValueError):  # pyxform refuses parameters that are not numbers
            values[key] = float(given.get(key, default))
    return values


def _range(b, el, q: dict) -> None:
    p = _parameters(el)
    whole = all(v.is_integer() for v in p.values())
    if whole and p["step"] == 1 and p["start"] < p["end"] and p["end"] - p["start"] < MAX_SCALE_POINTS:
        q["type"] = "scale"
        q["scale"] = {"min": int(p["start"]), "max": int(p["end"]),
                      "min_label": b.text(cell_value(el.cells, "lcr_min_label"), f"{q['code']}.min_label"),
                      "max_label": b.text(cell_value(el.cells, "lcr_max_label"), f"{q['code']}.max_label")}
        return
    low, high = sorted((p["start"], p["end"]))
    q.update(type="number", min=_plain(low), max=_plain(high))
    b.notes.append(f"{el.where()}: range {_plain(low)} to {_plain(high)} in steps of {_plain(p['step'])} "
                   "became a number question (steps are not enforced)")


def _plain(number: float):
    return int(number) if number.is_integer() else number


# -- grids: a group with lcr_type = grid, holding one range row per item ----------------------

def grid_start(b, el, condition) -> dict:
    code = b.new_code(el.name, el)
    return {"kind": "grid", "element": el, "condition": condition, "code": code, "items": [],
            "text": b.text_of(el, "label", f"{code}.text") or code, "help": b.text_of(el, "hint", f"{code}.help")}


def grid_item(b, grid: dict, el) -> None:
    if el.type == "note":
        grid["help"] = "\n".join(filter(None, [grid["help"], b.text_of(el, "label", None)]))
        return
    if el.type != "range":
        b.skipped.append(f"{el.where()}: a grid group may only hold range items, skipped")
        return
    if el.bind("relevant"):
        b.skipped.append(f"{el.where()}: grid items cannot have their own relevant; shown with the grid")
    code = b.new_code(el.name, el)
    grid["items"].append({"code": code, "text": b.text_of(el, "label", f"{code}.text") or code,
                          "element": el})


def grid_finish(b, grid: dict) -> dict | None:
    group = grid["element"]
    if not grid["items"]:
        b.skipped.append(f"{group.where()}: grid group '{grid['code']}' has no range items, skipped")
        return None
    first = grid["items"][0]["element"]
    q = {"code": grid["code"], "type": "scale", "text": grid["text"], "help": grid["help"], "special": []}
    _range(b, first, q)
    if q["type"] != "scale":
        b.skipped.append(f"{group.where()}: grid '{grid['code']}' needs whole-number range items of at most "
                         f"{MAX_SCALE_POINTS} points, skipped")
        return None
    grid_q = {"code": grid["code"], "type": "grid", "text": grid["text"], "help": grid["help"],
              "required": _required(b, first), "special": _special(b, first), "scale": q["scale"],
              "condition": grid["condition"],
              "items": [{"code": item["code"], "text": item["text"]} for item in grid["items"]],
              "xlsform_names": {item["element"].name: item["code"] for item in grid["items"]}}
    error = b.text_of(first, "required_message", None)
    if error:
        grid_q["error"] = error
    if group.cell("lcr_characteristic"):
        grid_q["characteristic"] = group.cell("lcr_characteristic")
    return grid_q


def survey_meta(b, settings: dict, slug: str | None) -> dict:
    """The survey's own texts from the settings sheet (read raw: pyxform keeps only its own columns)."""
    form_id = str(settings.get("form_id") or "")
    slug = slug or re.sub(r"[^a-z0-9-]+", "-", form_id.lower()).strip("-")[:50] or "imported-survey"
    b.text(cell_value(settings, "lcr_title"), "survey.title")  # translations only: form_title wins below
    title = b.text(cell_value(settings, "form_title"), "survey.title") or slug
    meta = {"slug": slug, "title": title,
            "description": b.text(cell_value(settings, "lcr_description"), "survey.description"),
            "time_needed": b.text(cell_value(settings, "lcr_time_needed"), "survey.time_needed") or "5 minutes",
            "privacy_notice": b.text(cell_value(settings, "lcr_privacy_notice"), "survey.privacy_notice")}
    size = str(settings.get("lcr_min_group_size") or "")
    if size.isdigit():
        meta["min_group_size"] = int(size)
    for column, key in (("lcr_programme", "programme"), ("lcr_variant_of", "variant_of"),
                        ("lcr_variant_kind", "variant_kind")):
        if settings.get(column):
            meta[key] = str(settings[column])
    if settings.get("version"):
        b.notes.append(f"settings sheet: version '{settings['version']}' is not kept; each publication here is "
                       "numbered")
    return meta
