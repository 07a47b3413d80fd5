"""A small passenger survey with one open question, answers written from known themes, and
personal details planted in some of them (every output is grepped for these).

Groups (sex): female 60, male 48, prefer not to say 3; (area): north 55, south 52, tiny 4.
"""

import datetime
import random

import pytest

from analysis.themes.models import Codebook
from analysis.themes.services import codebook_create
from engagement.models import Programme, Role, RoleAssignment, User
from surveys.publishing import survey_import_definition, survey_publish
from surveys.services import responses_bulk_create
from tests.conftest import PASSWORD
from tests.themes_app.planted import PLANTED

DEFINITION = {
    "schema": 1,
    "survey": {"slug": "travel-2026", "title": "Travel survey", "min_group_size": 10},
    "pages": [
        {"key": "about", "questions": [
            {"code": "sex", "type": "single", "text": "Sex?", "required": False, "special": ["prefer_not_to_say"],
             "characteristic": "sex", "options": [{"code": "female", "label": "Female"},
                                                  {"code": "male", "label": "Male"}]},
            {"code": "area", "type": "single", "text": "Area?", "required": False, "special": [],
             "characteristic": "area", "options": [{"code": c, "label": c.title()}
                                                   for c in ("north", "south", "tiny")]},
        ]},
        {"key": "travel", "questions": [
            {"code": "mode", "type": "single", "text": "How do you travel?", "required": False, "special": [],
             "options": [{"code": "bus", "label": "Bus"}, {"code": "train", "label": "Train"}]},
        ]},
        {"key": "open", "questions": [
            {"code": "safer", "type": "long_text", "text": "What would make you feel safer?", "required": False},
        ]},
    ],
}

PHRASES = {
    "Lighting": ["better lighting at the bus stop", "the stop is pitch dark at night", "street lights are broken",
                 "brighter lights on the walk to the station", "the underpass has no lights"],
    "Staff": ["more staff on the platforms", "a guard on every train", "staff at the station after 8pm",
              "someone at the ticket office in the evening", "visible staff on the late services"],
    "Cameras": ["cctv that actually works", "cameras on the top deck", "working cctv at the interchange",
                "security cameras covering the shelter", "more cameras on the trains"],
    "Behaviour": ["groups of drunk lads shouting", "people smoking and swearing on the bus",
                  "gangs of teenagers throwing things", "aggressive drunks after the football",
                  "fights on the last train home"],
}
THEME_DESCRIPTIONS = {
    "Lighting": ("Light at stops, stations and on the walk there", ["lighting", "dark", "lights"]),
    "Staff": ("Staff or guards present at stations and on services", ["staff", "guard"]),
    "Cameras": ("CCTV and security cameras", ["cctv", "cameras"]),
    "Behaviour": ("Anti-social or threatening behaviour by other passengers", ["drunk", "swearing"]),
}
OPENERS = ["", "Honestly ", "I think ", "Please ", "What we need is ", "Mainly "]
CLOSERS = ["", ".", " please.", " would help a lot.", " at weekends.", " in winter especially."]
NON_ANSWERS = ["n/a", "nothing", "-", "no comment"]


def _texts(rng: random.Random, n: int):
    """(text, themes) pairs: one or two themes per answer, in varied wording."""
    rows = []
    names = list(PHRASES)
    for _ in range(n):
        themes = rng.sample(names, 2 if rng.random() < 0.3 else 1)
        body = " and ".join(rng.choice(PHRASES[t]) for t in themes)
        rows.append((rng.choice(OPENERS) + body + rng.choice(CLOSERS), themes))
    return rows


def _profiles():
    sexes = ["female"] * 60 + ["male"] * 48 + ["prefer_not_to_say"] * 3 + [None] * 4
    areas = ["north"] * 55 + ["south"] * 52 + ["tiny"] * 4 + [None] * 4
    random.Random(7).shuffle(areas)
    return list(zip(sexes, areas, strict=True))


@pytest.fixture(autouse=True)
def _inline_jobs(settings):
    """Jobs run to the end inside the request, so tests see their results at once."""
    settings.JOB_RUNNER = "inline"


@pytest.fixture
def travel_survey(db, programme):
    survey = survey_import_definition(data=DEFINITION, programme=programme)
    survey_publish(survey=survey)
    survey.refresh_from_db()
    rng = random.Random(2026)
    texts = [(t, []) for t in PLANTED] + [(t, []) for t in NON_ANSWERS]
    texts += _texts(rng, len(_profiles()) - len(texts))
    rows = []
    for i, ((sex, area), (text, _)) in enumerate(zip(_profiles(), texts, strict=True)):
        answers = {"safer": text, "mode": "bus" if i % 3 else "train"}
        if sex:
            answers["sex"] = sex
        if area:
            answers["area"] = area
        rows.append({"answers": answers, "key": f"r{i}", "submitted_on": datetime.date(2026, 3, 1)})
    responses_bulk_create(survey=survey, rows=rows, source="import")
    survey.truth = dict(texts)
    return survey


@pytest.fixture
def codebook(travel_survey) -> Codebook:
    return codebook_create(survey=travel_survey, question_code="safer", name="Feeling safer", themes=[
        {"name": name, "description": d, "keywords": k} for name, (d, k) in THEME_DESCRIPTIONS.items()])


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def other_programme_analyst(db):
    """An analyst, but of a different programme."""
    other = Programme.objects.create(slug="elsewhere", name="Elsewhere")
    user = User.objects.create_user(email="elsewhere@example.org", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.ANALYST, programme=other)
    return user
