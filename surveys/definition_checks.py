"""Validation of a definition document before it is published or imported."""

import re

from engagement.checks import STANDARD_MIN_GROUP_SIZE

from . import logic
from .definition import CODE_PATTERN, SCHEMA_VERSION, DefinitionError
from .question_types import KINDS, SPECIAL_ANSWERS
from .validators import MIN_GROUP_SIZE_MESSAGE

_CODE = re.compile(CODE_PATTERN)
CHOICE_TYPES = {"single", "multiple"}
SCALE_TYPES = {"scale", "grid"}


def validate_definition(data) -> dict:
    """Return ``data`` if it is a usable definition; otherwise raise DefinitionError listing
    every problem, each naming the page or question it is about."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise DefinitionError(["The definition must be an object with a list of 'pages'"])
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        problems.append(f"Unsupported schema {data.get('schema')!r}; this platform reads schema {SCHEMA_VERSION}")
    seen_codes: set[str] = set()
    page_keys: set[str] = set()
    for number, page in enumerate(data["pages"], start=1):
        where = f"page {number}"
        if not isinstance(page, dict):
            problems.append(f"{where}: must be an object")
            continue
        key = page.get("key")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", key or ""):
            problems.append(f"{where}: 'key' must be lower-case letters, digits, - or _")
        elif key in page_keys:
            problems.append(f"{where}: key '{key}' is used twice")
        page_keys.add(key)
        problems += _condition_problems(where, page.get("condition"), seen_codes)
        questions = page.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.append(f"{where}: needs at least one question")
            continue
        for q in questions:
            problems += _question_problems(q, seen_codes)
    if not data["pages"]:
        problems.append("A survey needs at least one page")
    problems += _threshold_problems((data.get("survey") or {}).get("min_group_size"))
    if problems:
        raise DefinitionError(problems)
    return data


def _threshold_problems(size) -> list[str]:
    """survey.min_group_size, when given, must be a whole number no lower than the standard floor."""
    if size in (None, ""):
        return []
    if isinstance(size, bool) or not isinstance(size, int) or size < STANDARD_MIN_GROUP_SIZE:
        return [f"survey.min_group_size: {MIN_GROUP_SIZE_MESSAGE} (got {size!r})"]
    return []


def _condition_problems(where, condition, earlier_codes) -> list[str]:
    try:
        logic.check(condition)
    except logic.ConditionError as exc:
        return [f"{where}: condition: {exc}"]
    missing = logic.referenced_codes(condition) - earlier_codes
    return [f"{where}: condition refers to '{code}', which is not an earlier question" for code in sorted(missing)]


def _question_problems(q, seen_codes: set[str]) -> list[str]:
    if not isinstance(q, dict):
        return ["a question must be an object"]
    code = q.get("code")
    where = f"question '{code}'"
    problems = []
    if not isinstance(code, str) or not _CODE.match(code):
        problems.append(f"{where}: code must start with a letter and use a-z, 0-9 and _ (at most 60)")
    if q.get("type") not in KINDS:
        return problems + [f"{where}: unknown type {q.get('type')!r} (known: {', '.join(KINDS)})"]
    if not isinstance(q.get("text"), str) or not q["text"].strip():
        problems.append(f"{where}: needs question text")
    problems += _condition_problems(where, q.get("condition"), seen_codes)
    if any(s not in SPECIAL_ANSWERS for s in q.get("special", [])):
        problems.append(f"{where}: special answers may only be {', '.join(SPECIAL_ANSWERS)}")
    problems += _type_problems(q, where)
    codes = [i.get("code") for i in q.get("items", [])] if q["type"] == "grid" else [code]
    for value_code in codes:
        if value_code in seen_codes:
            problems.append(f"{where}: code '{value_code}' is used twice")
        seen_codes.add(value_code)
    return problems


def _type_problems(q, where) -> list[str]:
    problems = []
    if q["type"] in CHOICE_TYPES:
        options = q.get("options")
        if not isinstance(options, list) or len(options) < 1:
            return [f"{where}: needs options"]
        codes = [o.get("code") for o in options if isinstance(o, dict)]
        if len(codes) != len(options) or not all(isinstance(c, str) and c for c in codes):
            problems.append(f"{where}: every option needs a code and a label")
        elif len(set(codes)) != len(codes):
            problems.append(f"{where}: option codes must be different")
        elif set(codes) & set(SPECIAL_ANSWERS):
            problems.append(f"{where}: use 'special' for Prefer not to say / Don't know, not an option")
    if q["type"] in SCALE_TYPES:
        scale = q.get("scale") or {}
        if not (isinstance(scale.get("min"), int) and isinstance(scale.get("max"), int)
                and scale["min"] < scale["max"] and scale["max"] - scale["min"] <= 10):
            problems.append(f"{where}: scale needs whole-number min and max, min below max, at most 11 points")
    if q["type"] == "grid":
        items = q.get("items")
        if not isinstance(items, list) or not items or not all(
                isinstance(i, dict) and _CODE.match(str(i.get("code", ""))) and i.get("text") for i in items):
            problems.append(f"{where}: a grid needs items, each with a code and text")
    return problems
