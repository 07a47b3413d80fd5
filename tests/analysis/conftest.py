"""Fixture surveys for the analysis core: a small staff survey with known answers.

``make_survey`` publishes the definition below; ``add_responses`` stores rows through
``responses_bulk_create`` (the real validation path). Tests build their raw data as plain
lists first, so each figure can be checked against scipy/statsmodels on the same data.
"""

import datetime
import itertools

import pytest

from surveys.models import Channel
from surveys.publishing import survey_import_definition, survey_publish
from surveys.services import responses_bulk_create


def _single(code, options, characteristic=None, special=("prefer_not_to_say",)):
    q = {"code": code, "type": "single", "text": f"{code}?", "required": False, "special": list(special),
         "options": [{"code": o, "label": o.title()} for o in options]}
    if characteristic:
        q["characteristic"] = characteristic
    return q


DEFINITION = {
    "schema": 1,
    "survey": {"slug": "staff-2026", "title": "Staff survey", "min_group_size": 10},
    "pages": [
        {"key": "about", "questions": [
            _single("sex", ["female", "male"], "sex"),
            _single("ethnicity", ["white", "mixed", "asian", "black", "other"], "ethnic_group_broad"),
            _single("directorate", ["finance", "transport", "policy"], "directorate", special=()),
        ]},
        {"key": "scores", "questions": [
            {"code": "edi", "type": "grid", "text": "How far do you agree", "required": False,
             "special": ["dont_know"], "scale": {"min": 1, "max": 7, "min_label": "Disagree", "max_label": "Agree"},
             "items": [{"code": "edi_1", "text": "I am treated fairly"},
                       {"code": "edi_2", "text": "I can be myself"}]},
            {"code": "satisfaction", "type": "scale", "text": "How satisfied are you?", "required": False,
             "special": ["dont_know"], "scale": {"min": 1, "max": 5}},
            {"code": "recommend", "type": "scale", "text": "Would you recommend us?", "required": False,
             "scale": {"min": 0, "max": 10}},
            _single("uses_bus", ["yes", "no"], special=()),
            {"code": "services", "type": "multiple", "text": "Which do you use?", "required": False,
             "options": [{"code": c, "label": c.title()} for c in ("bus", "rail", "ferry")]},
            {"code": "comments", "type": "long_text", "text": "Anything else?", "required": False},
        ]},
    ],
}


@pytest.fixture
def definition():
    import copy

    return copy.deepcopy(DEFINITION)


@pytest.fixture
def make_survey(db, programme):
    def make(definition=None, *, slug="staff-2026", min_group_size=10):
        import copy

        data = copy.deepcopy(definition or DEFINITION)
        data["survey"]["min_group_size"] = min_group_size
        survey = survey_import_definition(data=data, programme=programme, slug=slug)
        survey_publish(survey=survey)
        survey.refresh_from_db()
        return survey

    return make


@pytest.fixture
def channels(db):
    return [Channel.objects.create(code=code, name=code.title()) for code in ("poster", "email")]


@pytest.fixture
def add_responses():
    """Store rows given as (answers, extra) or plain answers dicts; returns the count."""

    def add(survey, rows):
        built = []
        for row in rows:
            answers, extra = row if isinstance(row, tuple) else (row, {})
            built.append({"answers": answers, **extra})
        return responses_bulk_create(survey=survey, rows=built)

    return add


def people(spec: dict[tuple, list], code: str = "edi_1") -> list[dict]:
    """Answers dicts from {(sex, ethnicity): [scores...]}; None in a key leaves it out."""
    rows = []
    for (sex, ethnicity), scores in spec.items():
        for score in scores:
            answers = {code: score}
            if sex is not None:
                answers["sex"] = sex
            if ethnicity is not None:
                answers["ethnicity"] = ethnicity
            rows.append(answers)
    return rows


def scores(pattern, n) -> list[int]:
    """``n`` scores cycling through ``pattern`` (deterministic, varied)."""
    return list(itertools.islice(itertools.cycle(pattern), n))


def day(month: int, d: int = 15) -> datetime.date:
    return datetime.date(2026, month, d)
