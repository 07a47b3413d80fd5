"""Time and peak Python memory of the raw-responses export, CSV and XLSX, as rows grow.

    .venv/bin/python bench/export_bench.py [--rows 100000]

Runs in a throw-away test database (never your data): creates the demo Citizen's Voice
survey, inserts generated responses, then streams them through the same code the analysts'
download uses (analysis.exports.raw) into a null sink (CSV) and a temporary file (XLSX).
Peak memory is measured with tracemalloc; flat memory means the 10% run and the full run
peak at about the same figure.
"""

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

import django

django.setup()

from django.db import connection
from django.test.utils import setup_test_environment


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        survey = _survey_with_responses(rows)
        for count in sorted({max(rows // 10, 1), rows}):
            _measure("CSV ", count, survey, _csv)
            _measure("XLSX", count, survey, _xlsx)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _survey_with_responses(rows: int):
    from engagement.models import Programme
    from surveys.definition import for_version
    from surveys.demo.generate import generate_answers
    from surveys.models import Response
    from surveys.publishing import survey_import_definition, survey_publish

    data = json.loads((Path(__file__).resolve().parents[1] / "surveys/demo/citizens-voice.json").read_text())
    survey = survey_import_definition(data=data, programme=Programme.objects.create(slug="cv", name="CV"))
    survey_publish(survey=survey)
    survey.refresh_from_db()
    definition, rng, today = for_version(survey.current_version_id), random.Random(1), datetime.date.today()
    started = time.perf_counter()
    batch = []
    for i in range(rows):
        answers = generate_answers(definition, rng)
        batch.append(Response(survey=survey, version_id=survey.current_version_id, submission_key=f"k{i}",
                              submitted_on=today - datetime.timedelta(days=i % 365), answers=answers,
                              profile={"sex": answers.get("sex"), "age_band": "25-34"}))
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)
    print(f"setup: {rows:,} responses inserted in {time.perf_counter() - started:.1f} s")
    return survey


def _csv(survey, queryset):
    from analysis.exports.raw import raw_csv_lines

    size = sum(len(line) for line in raw_csv_lines(survey, queryset))
    return f"{size / 1e6:.1f} MB"


def _xlsx(survey, queryset):
    from analysis.exports.raw import raw_records
    from analysis.exports.sheets import Sheet
    from analysis.exports.xlsx_format import sheets_to_xlsx

    records = raw_records(survey, queryset)
    header = next(records)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        sheets_to_xlsx([Sheet("Responses", "Raw responses", header, records)], {"Survey": survey.title}, handle.name)
        return f"{os.path.getsize(handle.name) / 1e6:.1f} MB"


def _measure(label, count, survey, run):
    from surveys.models import Response

    ids = Response.objects.filter(survey=survey).order_by("submitted_on", "id").values_list("id", flat=True)
    queryset = Response.objects.filter(survey=survey) if count >= ids.count() else \
        Response.objects.filter(pk__in=list(ids[:count]))
    started = time.perf_counter()
    size = run(survey, queryset)
    elapsed = time.perf_counter() - started
    # A second run under tracemalloc, which slows Python code several-fold: memory only.
    tracemalloc.start()
    run(survey, queryset)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label} {count:>8,} rows: {elapsed:6.2f} s, peak Python memory {peak / 1e6:6.1f} MB, output {size}")


if __name__ == "__main__":
    main()
