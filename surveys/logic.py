"""Skip logic: whether a page or question is shown, given the answers so far.

A condition is a small JSON object:
  {"question": "uses_bus", "equals": "yes"}        answer is (or, for multiple choice, includes) the value
  {"question": "q", "in": ["a", "b"]}               answer is (or includes) one of the values
  {"question": "q", "not_in": ["a"]}                answered, and not (or includes none of) the values
  {"question": "q", "answered": true}               any answer at all (false: no answer)
  {"question": "age", "gte": 16} / {"lte": ...}     numeric comparisons
  {"question": "dob", "age_gte": 16}                age known to be at least 16, from an age, a
                                                    date of birth or a stored LCR age band
  {"all": [...]} / {"any": [...]} / {"not": {...}}
An unanswered question satisfies only ``answered: false`` and ``not``.
"""

import datetime
import re

OPERATORS = ("equals", "in", "not_in", "answered", "gte", "lte", "age_gte")
_BAND = re.compile(r"^(\d+)(?:-\d+|\+)$")


class ConditionError(ValueError):
    pass


def evaluate(condition: dict | None, answers: dict) -> bool:
    if not condition:
        return True
    if "all" in condition:
        return all(evaluate(c, answers) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, answers) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers)
    value = answers.get(condition["question"])
    if "answered" in condition:
        return (value is not None) == bool(condition["answered"])
    if value is None:
        return False
    values = value if isinstance(value, list) else [value]
    if "equals" in condition:
        return condition["equals"] in values
    if "in" in condition:
        return any(v in condition["in"] for v in values)
    if "not_in" in condition:
        return not any(v in condition["not_in"] for v in values)
    if "age_gte" in condition:
        age = age_of(value)
        return age is not None and age >= condition["age_gte"]
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None:
        return False
    if "gte" in condition:
        return number >= condition["gte"]
    return number <= condition["lte"]


def age_of(value) -> float | None:
    """An age in years from an age, an ISO date of birth or an LCR band ("25-34": 25).

    Stored answers hold the band, not the date (standards.md §1.2), so conditions on age
    must still hold when evaluated on them.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    if band := _BAND.match(value):
        return int(band.group(1))
    try:
        born = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    today = datetime.date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def referenced_codes(condition: dict | None) -> set[str]:
    """Every answer code a condition looks at."""
    if not condition:
        return set()
    for key in ("all", "any"):
        if key in condition:
            return set().union(*(referenced_codes(c) for c in condition[key]))
    if "not" in condition:
        return referenced_codes(condition["not"])
    return {condition["question"]}


def check(condition) -> None:
    """Raise ConditionError if ``condition`` is not a well-formed condition."""
    if condition is None:
        return
    if not isinstance(condition, dict):
        raise ConditionError("a condition must be an object")
    for key in ("all", "any"):
        if key in condition:
            if not isinstance(condition[key], list) or not condition[key]:
                raise ConditionError(f"'{key}' needs a non-empty list of conditions")
            for c in condition[key]:
                check(c)
            return
    if "not" in condition:
        check(condition["not"])
        return
    if not isinstance(condition.get("question"), str):
        raise ConditionError("a condition needs a 'question' code")
    ops = [op for op in OPERATORS if op in condition]
    if len(ops) != 1:
        raise ConditionError(f"a condition needs exactly one of {', '.join(OPERATORS)}")
    op = ops[0]
    if op in ("in", "not_in") and not isinstance(condition[op], list):
        raise ConditionError(f"'{op}' needs a list of values")
    if op in ("gte", "lte", "age_gte") and not isinstance(condition[op], int | float):
        raise ConditionError(f"'{op}' needs a number")
