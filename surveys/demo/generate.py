"""Plausible generated responses for the demo: varied characteristics, realistic open text.

Each response starts from a persona (surveys/demo/personas.py: equality answers with city
region shares, plus traits). Answers then follow the survey's own definition and skip
logic, so they pass the same validation as real ones, and drift by group the way equality
monitoring often finds: lower EDI scores for disabled, ethnic minority, LGB+ and trans
staff; feeling less safe after dark, more so for women, disabled and young passengers.
"""

import datetime
import random

from surveys.definition import Definition
from surveys.logic import evaluate
from surveys.question_types import AnswerErrors, kind_for

from .personas import sample_persona
from .texts import OPEN_TEXT

SAFETY_LEVELS = ["very_safe", "fairly_safe", "a_bit_unsafe", "very_unsafe"]
INCIDENTS = ["harassment", "sexual_harassment", "hate_incident", "antisocial", "theft", "other"]


def covering_answer_sets(definition: Definition, *, audience: str = "resident", seeds=range(300),
                         today: datetime.date | None = None) -> list[dict]:
    """Complete, valid answer sets that between them show every page generated answers can
    reach, fullest first (the same every run): what a walk through every page of a survey
    answers. Chosen greedily, each set adding the most pages not yet shown."""
    candidates = []
    for seed in seeds:
        try:
            answers = definition.clean_complete(
                generate_answers(definition, random.Random(seed), audience=audience, today=today))
        except AnswerErrors:
            continue  # e.g. a generated comment longer than the question allows
        candidates.append((answers, {page["key"] for page in definition.visible_pages(answers)}))
    if not candidates:
        raise ValueError(f"none of {len(seeds)} generated answer sets is valid for this survey")
    chosen, shown = [], set()
    while True:
        answers, pages = max(candidates, key=lambda candidate: len(candidate[1] - shown))
        if not pages - shown:
            return chosen
        chosen.append(answers)
        shown |= pages


def generate_answers(definition: Definition, rng: random.Random, *, audience: str = "resident",
                     persona: dict | None = None, today: datetime.date | None = None) -> dict:
    persona = persona if persona is not None else sample_persona(rng, audience, today)
    answers: dict = {}
    for page in definition.pages:
        if not evaluate(page.get("condition"), answers):
            continue
        for q in page["questions"]:
            if not evaluate(q.get("condition"), answers):
                continue
            if q["code"] in _PERSONA_CODES:
                if q["code"] in persona:
                    answers[q["code"]] = persona[q["code"]]
                continue
            answers.update(pick_answer(q, rng, persona, answers))
    return answers


# Questions a persona answers (or, by leaving them out, skips).
_PERSONA_CODES = {"equality_opt_in", "date_of_birth", "age", "sex", "gender_identity", "sexual_orientation",
                  "ethnic_group_broad", "religion", "disability_condition", "disability_impact", "marital_status",
                  "pregnancy_maternity", "seb_occupation", "school_type", "free_school_meals", "parents_education",
                  "caring", "grade_band", "length_of_service", "contract_type", "working_pattern", "directorate",
                  *(f"ethnic_group_{g}" for g in ("white", "mixed", "asian", "black", "other"))}


def pick_answer(q: dict, rng: random.Random, persona: dict, answers: dict) -> dict:
    """A random answer for one question, as raw input the question type accepts."""
    special = _SPECIAL_PICKERS.get(q["code"]) or (_safety if q["code"].startswith("safe_") else None)
    if special:
        return special(q, rng, persona, answers)
    kind = q["type"]
    if q.get("special") and rng.random() < 0.04:
        return {code: rng.choice(q["special"]) for code in kind_for(q).value_codes(q)}
    if not q.get("required") and rng.random() < 0.08:
        return {}
    if kind == "single":
        weights = [1.0 / (i + 1) ** 0.6 for i in range(len(q["options"]))]
        return {q["code"]: rng.choices([o["code"] for o in q["options"]], weights)[0]}
    if kind == "multiple":
        plain = [o["code"] for o in q["options"] if not o.get("exclusive")]
        return {q["code"]: [c for c in plain if rng.random() < 0.35] or [rng.choice(plain)]}
    if kind in ("scale", "grid"):
        shift = _shift(persona)
        return {code: _scale_point(q["scale"], rng, shift) for code in kind_for(q).value_codes(q)}
    if kind == "number":
        return {q["code"]: rng.randint(int(q.get("min", 0)), int(min(q.get("max", 100), q.get("min", 0) + 20)))}
    if kind == "date":
        return {q["code"]: (datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 25000))).isoformat()}
    texts = OPEN_TEXT.get(q["code"], OPEN_TEXT["default"])
    return {q["code"]: rng.choice(texts)} if rng.random() < 0.6 else {}


def _scale_point(scale: dict, rng: random.Random, shift: float) -> int:
    low, high = scale["min"], scale["max"]
    centre = low + (high - low) * (0.74 + shift)
    return max(low, min(high, round(rng.gauss(centre, (high - low) * 0.2))))


def _shift(persona: dict) -> float:
    """Some groups fare worse, as equality monitoring often finds."""
    return -(0.12 * persona.get("_disabled", False) + 0.08 * persona.get("_minority", False)
             + 0.07 * persona.get("_lgb", False) + 0.15 * persona.get("_trans", False)
             + 0.02 * persona.get("_female", False))


def _safety(q, rng, persona, answers):
    """§5: the 4-point CSEW scale; worse after dark, at stops more than on board, and for
    women, disabled and young passengers."""
    dark = q["code"].endswith("_dark")
    unsafe = 0.08 + (0.24 if dark else 0) + (0.04 if "_onboard_" not in q["code"] else 0)
    unsafe += (0.22 if dark else 0.04) * persona.get("_female", False) + 0.08 * persona.get("_disabled", False)
    unsafe += 0.07 * (16 <= persona.get("_age", 40) <= 24) + 0.05 * persona.get("_minority", False)
    not_then = (0.16 + 0.08 * persona.get("_female", False) + 0.08 * (persona.get("_age", 40) >= 65)) if dark else 0.03
    if rng.random() < not_then:
        return {q["code"]: "dont_travel"}
    if rng.random() < unsafe:
        return {q["code"]: "very_unsafe" if rng.random() < 0.3 else "a_bit_unsafe"}
    return {q["code"]: "very_safe" if rng.random() < 0.35 else "fairly_safe"}


def _modes(q, rng, persona, answers):
    chosen = [mode for mode, share in (("bus", 0.8), ("merseyrail", 0.55), ("ferry", 0.1), ("other", 0.15))
              if rng.random() < share]
    return {q["code"]: chosen or (["none"] if rng.random() < 0.5 else ["bus"])}


def _incidents(q, rng, persona, answers):
    witnessed = q["code"] == "incidents_witnessed"
    young, female = 16 <= persona.get("_age", 40) <= 34, persona.get("_female", False)
    rates = {"harassment": 0.06 + 0.04 * young, "sexual_harassment": 0.01 + 0.09 * female * young + 0.02 * female,
             "hate_incident": 0.01 + 0.05 * persona.get("_minority", False) + 0.04 * persona.get("_lgb", False)
             + 0.03 * persona.get("_disabled", False),
             "antisocial": 0.15, "theft": 0.03, "other": 0.03}
    scale = 1.8 if witnessed else 1.0
    if rng.random() < 0.03:
        return {q["code"]: "prefer_not_to_say"}
    chosen = [code for code in INCIDENTS if rng.random() < rates[code] * scale]
    return {q["code"]: chosen or ["none"]}


def _reported(q, rng, persona, answers):
    if rng.random() < 0.72:
        return {q["code"]: ["no"]}
    return {q["code"]: [c for c in ("police", "operator", "someone_else") if rng.random() < 0.45] or ["operator"]}


def _access_needs(q, rng, persona, answers):
    if persona.get("_disabled") and rng.random() < 0.7:
        return {q["code"]: rng.sample(["wheelchair", "mobility", "sight", "hearing", "neurodivergent",
                                       "mental_health"], k=rng.choice([1, 1, 2]))}
    return {q["code"]: ["pushchair"] if rng.random() < 0.06 else ["none"]}


def _weighted_single(*weights):
    def pick(q, rng, persona, answers):
        codes = [o["code"] for o in q["options"]]
        return {q["code"]: rng.choices(codes, weights[: len(codes)])[0]}

    return pick


_SPECIAL_PICKERS = {
    "modes_used": _modes,
    "incidents_experienced": _incidents,
    "incidents_witnessed": _incidents,
    "incident_reported": _reported,
    "access_needs": _access_needs,
    "travel_frequency": _weighted_single(38, 30, 16, 12, 4),
    "safety_avoid_travel": _weighted_single(9, 27, 64),
}
