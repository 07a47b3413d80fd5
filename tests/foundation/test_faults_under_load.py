"""Nothing lost, nothing stored twice, while the database and the workers fail under load (issue 21).

Played from outside, as an outage would: gunicorn with two workers serves a fresh database of
the suite's kind (SQLite file or PostgreSQL; CI runs both) while four clients submit complete responses through the API,
each with its own submission token and one Idempotency-Key per response, retrying (same key,
same body) after any error, timeout or dropped connection, as the API docs tell clients to.
Meanwhile every application connection to PostgreSQL is terminated twice, and one worker is
killed with SIGKILL mid-run (gunicorn starts a new one). Afterwards each acknowledged response
must be stored exactly once: rows counted against acknowledgements, by a unique text in each.

Figures go to stdout (-s); docs/security.md records a run.
"""

import json
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

import psycopg

from tests.app_server import ROOT, app_environment, gunicorn, manage_shell, suite_database_kind
from tests.postgres_server import PG_SERVER

PG_NAME = "eng_fault_load"
CLIENTS, PER_CLIENT = 4, 40
SLUG = "fault-load"
ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
           "visits": 3, "visit_date": "2024-03-27"}
SETUP = f"""
import json
from engagement.models import Programme
from surveys.publishing import survey_import_definition, survey_publish
data = json.load(open({str(ROOT / "tests" / "foundation" / "every_type.json")!r}))
programme = Programme.objects.create(slug="load", name="Load")
survey_publish(survey=survey_import_definition(data=data, programme=programme, slug={SLUG!r}))
"""


class Client:
    """One kiosk: a submission token, then responses each under its own key, retried until acknowledged."""

    def __init__(self, base, number):
        self.base, self.number = base, number
        self.acknowledged, self.retries, self.statuses = [], 0, {}

    def _post(self, path, body=b"", headers=None):
        request = urllib.request.Request(self.base + path, data=body, method="POST",
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as reply:
            return reply.code, reply.read()
        except (OSError, urllib.error.URLError):  # connection refused, reset, or timed out
            return None, b""

    def _until_done(self, path, body=b"", headers=None, ok=(201,)):
        while True:
            status, content = self._post(path, body, headers)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status in ok:
                return content
            # A dropped connection (a killed worker) or a 503 with Retry-After; never a 500.
            assert status in (None, 503), (status, content[:300])
            self.retries += 1
            time.sleep(0.2)

    def run(self):
        token = json.loads(self._until_done(f"/api/v1/surveys/{SLUG}/submission-tokens/"))["submission_token"]
        for index in range(PER_CLIENT):
            marker = f"kiosk-{self.number}-response-{index:03}"
            body = json.dumps({"answers": {**ANSWERS, "nickname": marker}}).encode()
            self._until_done(f"/api/v1/surveys/{SLUG}/responses/", body, ok=(200, 201),
                             headers={"Idempotency-Key": marker, "Submission-Token": token})
            self.acknowledged.append(marker)


def _terminate_app_connections():
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as server:
        return server.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                              "WHERE datname = %s AND pid <> pg_backend_pid()", (PG_NAME,)).fetchone()[0]


def _worker_pids(master_pid) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


def test_every_acknowledged_response_is_stored_once_through_killed_connections_and_workers(tmp_path):
    kind = suite_database_kind()
    env = app_environment(kind, tmp_path, PG_NAME)
    manage_shell(env, SETUP)
    with gunicorn(env) as (base, server):
        clients = [Client(base, n) for n in range(CLIENTS)]
        threads = [threading.Thread(target=client.run) for client in clients]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        faults = {"connections_terminated": 0, "workers_killed": 0}

        def progress():
            return sum(len(c.acknowledged) for c in clients)

        total = CLIENTS * PER_CLIENT
        for share, fault in ((0.2, "connections"), (0.45, "worker"), (0.7, "connections")):
            while progress() < total * share and any(t.is_alive() for t in threads):
                time.sleep(0.05)
            if fault == "worker":
                os.kill(_worker_pids(server.pid)[0], signal.SIGKILL)
                faults["workers_killed"] += 1
            elif kind == "postgresql":
                faults["connections_terminated"] += _terminate_app_connections()
        for thread in threads:
            thread.join(timeout=300)
        elapsed = time.monotonic() - started
        assert not any(t.is_alive() for t in threads), "a client never got its responses acknowledged"

    acknowledged = [marker for client in clients for marker in client.acknowledged]
    stored = json.loads(manage_shell(env, "import json; from surveys.models import Response; print(json.dumps("
                                     "list(Response.objects.values_list('answers__nickname', flat=True))))"))
    statuses = {}
    for client in clients:
        for status, n in client.statuses.items():
            statuses[str(status)] = statuses.get(str(status), 0) + n
    print(f"\n{kind}: {len(acknowledged)} acknowledged, {len(stored)} stored, {len(set(stored))} distinct, "
          f"{sum(c.retries for c in clients)} retries, statuses {statuses}, faults {faults}, "
          f"{len(acknowledged) / elapsed:.0f} responses/s")
    assert len(acknowledged) == total and faults["workers_killed"] == 1
    assert kind == "sqlite" or faults["connections_terminated"] >= 2
    assert sorted(stored) == sorted(acknowledged), "lost or duplicated responses"
