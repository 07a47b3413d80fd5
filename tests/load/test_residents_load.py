"""Residents answering page by page under load, from outside (issue 21).

gunicorn (two workers, production settings) serves a fresh copy of the suite's database kind
with the demo surveys published; locust runs tests/load/residents.py headless: USERS residents,
no think time, for DURATION, each finishing the journey it is on before stopping. Then the same
load on a bare Django view served the same way (the ceiling). Every journey must reach the
confirmation page with no error page and no status of 400 or over, and the database must hold
exactly one response per completed journey. Figures go to stdout (-s); docs/security.md
records a run. Timings are printed, never asserted.
"""

import csv
import json
import subprocess
from pathlib import Path

from tests.app_server import (
    PYTHON,
    ROOT,
    app_environment,
    gunicorn,
    manage_shell,
    suite_database_kind,
)

LOCUST = str(Path(PYTHON).with_name("locust"))
USERS, DURATION = 6, "15s"
SURVEY = "citizens-voice-2026"


def _locust(user_class: str, host: str, tmp_path, env: dict) -> dict[str, dict]:
    """Run the scenario headless; its stats rows by name (with "Aggregated")."""
    prefix = tmp_path / user_class
    subprocess.run([LOCUST, "-f", str(ROOT / "tests" / "load" / "residents.py"), user_class, "--headless",
                    "-u", str(USERS), "-r", str(USERS), "-t", DURATION, "--stop-timeout", "60",
                    "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
                   cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT), "LOAD_SURVEY": SURVEY,
                                  "LOAD_REPORT": str(tmp_path / f"{user_class}.json")},
                   check=False, timeout=300, capture_output=True)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def _failures(tmp_path, user_class: str) -> str:
    path = tmp_path / f"{user_class}_failures.csv"
    return path.read_text() if path.exists() else ""


def test_residents_answering_page_by_page_all_finish_and_are_stored_once(tmp_path):
    kind = suite_database_kind()
    env = app_environment(kind, tmp_path, "eng_residents_load")
    manage_shell(env, "from surveys.demo.loading import demo_surveys_publish; demo_surveys_publish()")
    with gunicorn(env) as (base, _):
        residents = _locust("Resident", base, tmp_path, env)
    with gunicorn(env, app="tests.load.hello:application",
                  ready_path="/") as (base, _):
        hello = _locust("Hello", base, tmp_path, env)

    journeys = json.loads((tmp_path / "Resident.json").read_text())
    stored = int(manage_shell(env, "from surveys.models import Response; "
                                   f"print(Response.objects.filter(survey__slug={SURVEY!r}).count())"))
    total, ceiling = residents["Aggregated"], hello["Aggregated"]
    print(f"\n{kind}: {USERS} residents for {DURATION}: {journeys['completed']} journeys completed, "
          f"{journeys['failed']} failed, {stored} stored; {journeys['pages_posted']} pages posted; in the "
          f"stats: {total['Request Count']} requests, {total['Failure Count']} failures")
    for name, row in residents.items():
        print(f"  {name:30} {int(row['Request Count']):6} req  {float(row['Requests/s']):7.1f}/s  "
              f"p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms")
    print(f"  bare Django view: {float(ceiling['Requests/s']):.1f} req/s, p50 {ceiling['50%']} ms; "
          f"resident requests/s ÷ ceiling = {float(total['Requests/s']) / float(ceiling['Requests/s']):.3f}")

    assert int(total["Failure Count"]) == 0 and journeys["failed"] == 0, _failures(tmp_path, "Resident")
    assert journeys["completed"] >= USERS, "every resident finishes at least one journey"
    assert stored == journeys["completed"], "a completed journey lost, or stored twice"
    assert int(ceiling["Failure Count"]) == 0, _failures(tmp_path, "Hello")
