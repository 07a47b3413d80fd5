"""Time the targets board, trend and heat map pages against one breakdown page, in the same run.

    .venv/bin/python bench/board_bench.py                 # SQLite in a temp dir, demo data
    DATABASE_URL=postgres://.../scratch .venv/bin/python bench/board_bench.py

Loads the demo data (seed_demo: the staff survey's EDI target, the passenger safety targets)
into a scratch database and fetches each page through Django's test client as the demo
administrator. Prints the best of ``--repeat`` runs and its ratio to the breakdown page:
absolute times drift between machines, ratios much less. The "every characteristic" board
is the old board's amount of work (one breakdown per question and characteristic).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DATABASE_URL"):
    os.environ["DJANGO_VAR_DIR"] = tempfile.mkdtemp(prefix="board-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

import django

django.setup()

from django.core.management import call_command
from django.test import Client

from engagement.models import User

CASES = [
    ("breakdown page: edi_respect by directorate (baseline)",
     "/staff/analysis/staff-survey/breakdown/?question=edi_respect&by=directorate"),
    ("targets board, staff survey (directorate)", "/staff/analysis/staff-survey/targets/"),
    ("targets board, staff survey, every characteristic", "/staff/analysis/staff-survey/targets/?by=every"),
    ("targets board, passenger safety (first characteristic)", "/staff/analysis/passenger-safety/targets/"),
    ("trend page: edi_respect by month and sex",
     "/staff/analysis/staff-survey/trends/?question=edi_respect&period=month&by=sex"),
    ("heat map: staff survey by sex", "/staff/analysis/staff-survey/heat-map/?by=sex"),
    ("heat map: passenger safety by sex", "/staff/analysis/passenger-safety/heat-map/?by=sex"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)
    client = Client()
    client.force_login(User.objects.get(email="admin@example.org"))
    baseline = None
    print(f"{'case':<60} {'best':>8} {'× breakdown':>12} {'KB':>7}")
    for name, url in CASES:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST="localhost")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        best = min(times)
        baseline = baseline or best
        print(f"{name:<60} {best:>7.2f}s {best / baseline:>11.1f}× {len(response.content) / 1024:>7.0f}")


if __name__ == "__main__":
    main()
