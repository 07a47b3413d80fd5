"""Time the theme jobs end to end on many answers, the way the app runs them.

    .venv/bin/python bench/themes_jobs_bench.py [--answers 100000]

Runs in a throw-away test database (never your data): publishes the demo passenger safety
survey, inserts generated responses whose "feel_safer" answers mix the demo sentences (1%
with a planted phone number or e-mail address, and a few extra words in a random order so
that nearly every answer is distinct), then times each step through the same
functions the jobs call: redacting into the cache, discovery, zero-shot tagging, tagging
again after 300 answers are coded, theme counts with quotes, the review queue, exports.
"""

import argparse
import datetime
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

import django

django.setup()

from django.db import connection
from django.test.utils import setup_test_environment

FILLERS = ["", "Honestly, ", "Please, ", "I think ", "To be fair ", "Mainly "]
EXTRA_WORDS = ["late", "early", "night", "morning", "winter", "summer", "weekend", "evening", "bus", "train",
               "ferry", "stop", "station", "platform", "shelter", "city", "town", "road", "route", "driver",
               "staff", "ticket", "app", "seat", "window", "door", "crowd", "queue", "journey", "home"]
ENDINGS = ["", " Thanks.", " It would really help.", " Especially in winter.", " At weekends mostly."]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=100_000)
    count = parser.parse_args().answers
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run(count)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(count: int) -> None:
    from analysis.themes import answers, counts, discovery, exports, selectors, tagging
    from analysis.themes.demo import DEMO, _codebook
    from analysis.themes.models import DiscoveryRun, TextAnswer

    survey = _survey(count)
    timed("redact into the cache", lambda: answers.answers_refresh(survey, "feel_safer"))
    run_ = DiscoveryRun.objects.create(survey=survey, question_code="feel_safer")
    timed("discovery (themes chosen 4..15)", lambda: discovery.discovery_run(run_))
    _, question, name, themes, coded = DEMO[0]
    codebook = _codebook(survey, question, name, themes, coded)
    timed("tagging, zero-shot (fit + predict + write)", lambda: tagging.tagging_run(codebook))
    _code(codebook, 300)
    timed("tagging after 300 coded answers", lambda: tagging.tagging_run(codebook))
    model = codebook.models.first()
    print(f"  model v{model.version}: {model.metrics['suggested_tags']:,} suggested tags, holdout "
          f"{model.metrics['holdout']}, blob {len(bytes(model.blob)) / 1e6:.1f} MB")
    timed("theme counts by age band, with quotes", lambda: counts.theme_counts(codebook, by="age_band"))
    timed("review queue", lambda: selectors.review_queue(codebook, model))
    for fmt in ("csv", "xlsx"):
        size = timed(f"export {fmt} (counts, quotes, answers, tags)",
                     lambda f=fmt: len(exports.themes_export(codebook, fmt=f, by="sex").content))
        print(f"  {size / 1e6:.1f} MB")
    print(f"cached answers: {TextAnswer.objects.count():,}; peak resident memory "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def timed(label: str, step):
    started = time.perf_counter()
    result = step()
    print(f"{label:<48} {time.perf_counter() - started:7.1f} s")
    return result


def _survey(count: int):
    from engagement.models import Programme
    from surveys.demo.texts import OPEN_TEXT
    from surveys.models import Response
    from surveys.publishing import survey_import_definition, survey_publish

    path = Path(__file__).resolve().parents[1] / "surveys/demo/passenger-safety.json"
    survey = survey_import_definition(data=json.loads(path.read_text()),
                                      programme=Programme.objects.create(slug="ps", name="PS"))
    survey_publish(survey=survey)
    survey.refresh_from_db()
    rng, today, batch = random.Random(1), datetime.date.today(), []
    sentences = OPEN_TEXT["feel_safer"] + OPEN_TEXT["default"]
    started = time.perf_counter()
    for i in range(count):
        text = rng.choice(FILLERS) + " ".join(rng.sample(sentences, rng.choice((1, 1, 2)))) + rng.choice(ENDINGS)
        # A few words in a random order make nearly every answer distinct, as real ones are.
        text += " " + " ".join(rng.sample(EXTRA_WORDS, 3))
        if i % 100 == 0:
            text += rng.choice([f" Call me on 07700 900{i % 1000:03d}.", f" Email me at rider{i}@example.com."])
        batch.append(Response(survey=survey, version_id=survey.current_version_id, submission_key=f"k{i}",
                              submitted_on=today, answers={"feel_safer": text},
                              profile={"sex": rng.choice(["female", "male", "prefer_not_to_say"]),
                                       "age_band": rng.choice(["16_24", "25_34", "35_44", "45_54", "55_64", "65_plus"])}))
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)
    print(f"setup: {count:,} responses in {time.perf_counter() - started:.1f} s")
    return survey


def _code(codebook, how_many: int) -> None:
    """Code answers as a person would, taking the tagger's suggestions as right."""
    from analysis.themes.models import TextAnswer
    from analysis.themes.review import review_apply

    for answer in TextAnswer.objects.filter(non_answer=False, tags__isnull=False).distinct()[:how_many]:
        review_apply(codebook=codebook, answer=answer, action="confirm")


if __name__ == "__main__":
    main()
