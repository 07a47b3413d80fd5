"""Shared by tests/exports and tests/pages: stored, valid generated responses."""

import datetime
import random

from surveys import services
from surveys.definition import for_version
from surveys.demo.generate import generate_answers
from surveys.models import Channel

CHANNELS = ["knowsley-carers", "qr-lime-street-bus", "campaign-autumn-2026"]


def add_responses(survey, count=300, extra=(), seed=7) -> int:
    """Store ``count`` generated responses to ``survey`` through the real validation path;
    ``extra`` rows of answers plant exact values (e.g. hostile open text)."""
    for code in CHANNELS:
        Channel.objects.get_or_create(code=code, defaults={"name": code.replace("-", " ").title()})
    rng = random.Random(seed)
    definition = for_version(survey.current_version_id)
    day = datetime.date(2026, 3, 1)
    rows = [{"answers": generate_answers(definition, rng), "channel": rng.choice(CHANNELS),
             "submitted_on": day - datetime.timedelta(days=rng.randint(0, 150))} for _ in range(count)]
    rows += [{"answers": answers, "channel": CHANNELS[0], "submitted_on": day} for answers in extra]
    return services.responses_bulk_create(survey=survey, rows=rows, source="web")
