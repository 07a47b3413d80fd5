"""Residents answering a survey page by page: a locust scenario (issue 21).

Each simulated resident opens the survey's start page with fresh cookies, presses Start now,
answers every page it is shown (tests/load/forms.py picks the answers from the page itself,
so routes, the equality block and check-your-answers are followed as a person would) and
submits. A page that comes back with an error summary, or any status of 400 and over, is a
failure. ``Hello`` is the ceiling measured beside it: one bare Django view (tests/load/hello.py).

In the suite: tests/load/test_residents_load.py. By hand, against any server:

    .venv/bin/locust -f tests/load/residents.py Resident --headless -u 20 -r 5 -t 2m \
        --host http://127.0.0.1:8000 --stop-timeout 30

Environment: LOAD_SURVEY (default citizens-voice-2026), LOAD_THINK_SECONDS between pages
(default 0: as fast as the server answers), LOAD_REPORT (a JSON file for completed journeys).
"""

import json
import os
import random
from urllib.parse import urlsplit

from locust import HttpUser, constant, events, task

from tests.load.forms import next_submission

SURVEY = os.environ.get("LOAD_SURVEY", "citizens-voice-2026")
MAX_PAGES = 80
journeys = {"completed": 0, "failed": 0, "pages_posted": 0}  # counted to the end, stop included


def _step_name(path: str) -> str:
    """Requests grouped by kind of page, not by URL."""
    path = urlsplit(path).path
    if path.endswith("/begin/"):
        return "start now"
    if path.endswith("/check/"):
        return "submit (check your answers)"
    return "answer a page"


class Resident(HttpUser):
    wait_time = constant(float(os.environ.get("LOAD_THINK_SECONDS", "0")))

    @task
    def answer_the_survey(self):
        self.client.cookies.clear()
        rng = random.Random()
        url = f"/s/{SURVEY}/"
        reply = self.client.get(url, name="start page")
        for _ in range(MAX_PAGES):
            try:
                action, fields = next_submission(reply.text, rng)
            except LookupError:
                break
            target = action or urlsplit(url).path
            with self.client.post(target, data=fields, name=_step_name(target),
                                  catch_response=True) as reply:
                if reply.status_code >= 400 or "govuk-error-summary" in reply.text:
                    reply.failure(f"{target}: {reply.status_code}, error summary or error status")
                    journeys["failed"] += 1
                    return
            journeys["pages_posted"] += 1
            url = reply.url
        if urlsplit(url).path.endswith("/done/"):
            journeys["completed"] += 1
        else:
            journeys["failed"] += 1


class Hello(HttpUser):
    """The same load on a bare Django view: the ceiling the figures are divided by."""

    wait_time = constant(0)

    @task
    def hello(self):
        self.client.get("/", name="hello")


@events.quitting.add_listener
def _report(environment, **kwargs):
    if os.environ.get("LOAD_REPORT"):
        with open(os.environ["LOAD_REPORT"], "w") as report:
            json.dump(journeys, report)
