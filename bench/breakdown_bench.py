"""Time breakdown() against a bare SQL GROUP BY on the same synthetic responses.

    .venv/bin/python bench/breakdown_bench.py --n 100000            # SQLite in a temp dir
    DATABASE_URL=postgres://.../scratch .venv/bin/python bench/breakdown_bench.py --n 1000000

Use a scratch database: the script migrates it and adds a survey "bench-breakdown" with N
responses (bulk insert, kept between runs, so a second run only times). Without
DATABASE_URL it never touches var/: SQLite goes to a temporary directory.
Prints the best of ``--repeat`` runs for each case, beside the bare GROUP BY.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DATABASE_URL"):
    os.environ["DJANGO_VAR_DIR"] = tempfile.mkdtemp(prefix="breakdown-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

import django

django.setup()

from django.core.management import call_command
from django.db import connection

from analysis.breakdown import breakdown
from analysis.filters import Filters
from analysis.trends import trend
from engagement.models import Programme
from surveys.models import Channel, Response, Survey
from surveys.publishing import survey_import_definition, survey_publish

SLUG = "bench-breakdown"
SEX = ["female", "male", "prefer_not_to_say"]
ETHNIC = ["white", "mixed", "asian", "black", "other", "prefer_not_to_say"]
DEFINITION = {"schema": 1, "survey": {"slug": SLUG, "title": "Breakdown benchmark"}, "pages": [
    {"key": "about", "questions": [
        {"code": "sex", "type": "single", "text": "Sex?", "special": ["prefer_not_to_say"],
         "characteristic": "sex", "options": [{"code": c, "label": c} for c in SEX[:2]]},
        {"code": "ethnicity", "type": "single", "text": "Ethnic group?", "special": ["prefer_not_to_say"],
         "characteristic": "ethnic_group_broad", "options": [{"code": c, "label": c} for c in ETHNIC[:5]]}]},
    {"key": "scores", "questions": [
        {"code": "edi_1", "type": "scale", "text": "Treated fairly?", "special": ["dont_know"],
         "scale": {"min": 1, "max": 7}},
        {"code": "uses_bus", "type": "single", "text": "Bus?", "options": [{"code": "yes", "label": "Yes"},
                                                                          {"code": "no", "label": "No"}]}]}]}


def prepare(n: int) -> Survey:
    call_command("migrate", verbosity=0)
    survey = Survey.objects.filter(slug=SLUG).first()
    if survey is None:
        programme, _ = Programme.objects.get_or_create(slug="bench", defaults={"name": "Benchmark"})
        survey = survey_import_definition(data=DEFINITION, programme=programme)
        survey_publish(survey=survey)
        survey.refresh_from_db()
    have = Response.objects.filter(survey=survey).count()
    if have < n:
        insert(survey, n - have)
    return survey


def insert(survey: Survey, count: int, batch: int = 20000) -> None:
    channels = [Channel.objects.get_or_create(code=c, defaults={"name": c})[0].pk for c in ("poster", "email")]
    rng = random.Random(2026)
    started = time.perf_counter()
    for done in range(0, count, batch):
        rows = []
        for _ in range(min(batch, count - done)):
            sex, ethnic = rng.choices(SEX, [48, 48, 4])[0], rng.choices(ETHNIC, [80, 4, 8, 4, 1, 3])[0]
            score = min(7, max(1, round(rng.gauss(5.2 - (ethnic == "black") * 0.4, 1.4))))
            answers = {"sex": sex, "ethnicity": ethnic, "edi_1": score if rng.random() > 0.03 else "dont_know",
                       "uses_bus": rng.choice(["yes", "no"])}
            rows.append(Response(
                id=uuid.uuid4(), survey=survey, version_id=survey.current_version_id,
                channel_id=rng.choice([*channels, None]), submission_key=uuid.uuid4().hex,
                submitted_on=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                answers=answers, profile={"sex": sex, "ethnic_group_broad": ethnic}))
        Response.objects.bulk_create(rows)
        print(f"  inserted {done + len(rows):,} of {count:,} ({time.perf_counter() - started:.0f} s)", flush=True)


def bare_group_by(survey: Survey) -> None:
    """What the database alone needs: one GROUP BY over the two JSON keys."""
    if connection.vendor == "postgresql":
        sql = ("SELECT profile->>'sex', answers->>'edi_1', count(*) FROM surveys_response "
               "WHERE survey_id = %s AND answers ? 'edi_1' GROUP BY 1, 2")
    else:
        sql = ("SELECT json_extract(profile, '$.sex'), json_extract(answers, '$.edi_1'), count(*) "
               "FROM surveys_response WHERE survey_id = %s "
               "AND json_extract(answers, '$.edi_1') IS NOT NULL GROUP BY 1, 2")
    with connection.cursor() as cursor:
        cursor.execute(sql, [survey.pk])
        cursor.fetchall()


def best(call, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    survey = prepare(args.n)
    total = Response.objects.filter(survey=survey).count()
    bus = Filters(where=(("uses_bus", ("yes",)),))
    cases = [
        ("bare SQL GROUP BY (sex, edi_1)", lambda: bare_group_by(survey)),
        ("breakdown edi_1 by sex", lambda: breakdown(survey, question="edi_1", by=["sex"])),
        ("breakdown edi_1 by sex x ethnic group", lambda: breakdown(
            survey, question="edi_1", by=["sex", "ethnic_group_broad"])),
        ("breakdown edi_1 by ethnic group, where uses_bus=yes", lambda: breakdown(
            survey, question="edi_1", by=["ethnic_group_broad"], filters=bus)),
        ("trend edi_1 by month and sex", lambda: trend(survey, question="edi_1", period="month", by=["sex"])),
    ]
    print(f"{connection.vendor}, {total:,} responses, best / median of {args.repeat} runs")
    for name, call in cases:
        low, middle = best(call, args.repeat)
        print(f"  {name:<55} {low:7.3f} s  {middle:7.3f} s")


if __name__ == "__main__":
    main()
