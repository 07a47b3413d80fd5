"""Plausible generated responses for the demo: varied characteristics, realistic open text.

Answers follow each survey's own definition and skip logic, so they pass the same
validation as real ones. Scores drift by group so that breakdowns have something to show.
"""

import datetime
import random

from surveys.definition import Definition
from surveys.logic import evaluate
from surveys.question_types import kind_for

OPEN_TEXT = {
    "default": [
        "More buses in the evening please, the last one is far too early.",
        "Cheaper fares for young people and carers.",
        "Fix the potholes on the main road, they are dangerous for cyclists.",
        "Better lighting at bus stops, it feels unsafe after dark.",
        "Nothing really, happy with things.",
        "Trains are often cancelled at short notice and nobody tells you why.",
        "More step-free access at stations, I use a wheelchair and half the stations are no good.",
        "The ferry is brilliant but too expensive for families.",
        "Listen to local people before making decisions, not after.",
        "Support for small businesses in the town centre, so many shops are empty.",
        "Information in other languages, my mum cannot read English well.",
        "n/a",
        "Buses don't turn up on time, the app says one thing and the stop says another.",
        "Staff at the station were really helpful when my train was cancelled.",
        "More police or staff on trains at night, there is a lot of anti-social behaviour.",
        "Keep the free travel for over 60s.",
        "Cleaner buses, some of them are filthy.",
        "Better connections between Wirral and Liverpool late at night.",
        "Adult skills courses closer to home and in the evenings so I can go after work.",
        "I was harassed at the bus station and nobody did anything, there needs to be more staff.",
    ],
}


def pick_answer(q: dict, rng: random.Random, shift: float) -> dict:
    """A random answer for one question, as raw input the question type accepts."""
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
        chosen = [c for c in plain if rng.random() < 0.35] or [rng.choice(plain)]
        return {q["code"]: chosen}
    if kind in ("scale", "grid"):
        return {code: _scale_point(q["scale"], rng, shift) for code in kind_for(q).value_codes(q)}
    if kind == "number":
        low, high = q.get("min", 0), q.get("max", 100)
        value = int(rng.triangular(max(low, 16), min(high, 90), 42)) if q.get("characteristic") == "age_band" \
            else rng.randint(int(low), int(min(high, low + 20)))
        return {q["code"]: value}
    if kind == "date":
        return {q["code"]: (datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 25000))).isoformat()}
    texts = OPEN_TEXT.get(q["code"], OPEN_TEXT["default"])
    return {q["code"]: rng.choice(texts)} if rng.random() < 0.7 else {}


def _scale_point(scale: dict, rng: random.Random, shift: float) -> int:
    low, high = scale["min"], scale["max"]
    centre = low + (high - low) * (0.68 + shift)
    return max(low, min(high, round(rng.gauss(centre, (high - low) * 0.22))))


def generate_answers(definition: Definition, rng: random.Random) -> dict:
    answers: dict = {}
    shift = 0.0
    for page in definition.pages:
        if not evaluate(page.get("condition"), answers):
            continue
        for q in page["questions"]:
            if evaluate(q.get("condition"), answers):
                answers.update(pick_answer(q, rng, shift))
                shift = _group_shift(answers)
    return answers


def _group_shift(answers: dict) -> float:
    """Some groups fare worse, as equality monitoring often finds."""
    shift = 0.0
    if answers.get("disability_impact") in ("yes_a_lot", "yes_a_little"):
        shift -= 0.12
    if str(answers.get("ethnic_group", "white_british")) not in ("white_british", "prefer_not_to_say"):
        shift -= 0.07
    if answers.get("sex") == "female":
        shift -= 0.04
    if answers.get("sexual_orientation") in ("gay_lesbian", "bisexual", "other"):
        shift -= 0.06
    return shift
