"""Characteristics of a respondent, derived from their answers at submission.

A question declares the characteristic it answers (``"characteristic": "sex"``); its stored
answer code becomes the respondent's value. Derivations registered in ``DERIVED`` add
groupings analysis needs (for example a broad ethnic group from the detailed one).
"Prefer not to say" is kept as its own value; an unanswered question leaves no key, so the
two stay apart for disclosure-rate reporting.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from .definition import Definition

# LCR age bands (standards.md §1.2): (lowest age, band code).
AGE_BANDS = [(65, "65+"), (55, "55-64"), (45, "45-54"), (35, "35-44"), (25, "25-34"), (16, "16-24"), (0, "0-15")]

# Each derivation reads the profile built so far and the answers, and returns extra keys.
DERIVED: list[Callable[[dict, dict], dict]] = []


def age_band(age: float) -> str:
    return next(band for lowest, band in AGE_BANDS if age >= lowest)


def _age_on(date_of_birth: str, today: datetime.date) -> int:
    born = datetime.date.fromisoformat(date_of_birth)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def minimise(definition: Definition, answers: dict) -> dict:
    """Answers as they may be stored: an age or date of birth becomes its band (§1.2, §7)."""
    stored = dict(answers)
    for q in definition.questions:
        value = stored.get(q["code"])
        if q.get("characteristic") != "age_band" or value is None or isinstance(value, str) and q["type"] != "date":
            continue
        if q["type"] == "date" and value in q.get("special", ()):
            continue
        age = _age_on(value, timezone.localdate()) if q["type"] == "date" else value
        stored[q["code"]] = age_band(max(age, 0))
    return stored


def derive_profile(definition: Definition, answers: dict) -> dict:
    profile = {}
    for q in definition.questions:
        characteristic = q.get("characteristic")
        if characteristic and q["code"] in answers:
            profile[characteristic] = answers[q["code"]]
    for derive in DERIVED:
        profile.update(derive(profile, answers))
    return profile
