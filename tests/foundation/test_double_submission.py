"""A double tap, a reload or two racing requests store one response, never two."""

import threading

import pytest
from django.db import connection
from django.test import Client

from surveys import services
from surveys.models import Response, ResponseDraft


def _ready_to_submit(journey, survey):
    j = journey(survey)
    j.start()
    j.answer_all()
    return j


def test_submitting_twice_from_one_browser_stores_one_response(every_type_survey, journey):
    j = _ready_to_submit(journey, every_type_survey)
    assert j.submit().url == j.url("done")
    assert j.submit().url == j.url("done")
    assert Response.objects.count() == 1


def test_a_double_tap_stores_one_response_and_both_taps_end_on_the_confirmation(every_type_survey, journey):
    j = _ready_to_submit(journey, every_type_survey)
    # The second tap leaves the browser before the first one's reply (and its cookies) arrive.
    second_tap = Client()
    second_tap.cookies = j.client.cookies.__class__(j.client.cookies)
    assert j.submit().url == j.url("done")
    assert second_tap.post(j.url("check")).url == j.url("done")
    assert Response.objects.count() == 1


def test_two_submissions_of_one_draft_store_one_response(every_type_survey, journey):
    _ready_to_submit(journey, every_type_survey)
    # Two requests that both loaded the draft before either stored it.
    draft_a, draft_b = ResponseDraft.objects.get(), ResponseDraft.objects.get()
    first = services.response_submit(draft=draft_a)
    second = services.response_submit(draft=draft_b)
    assert first.pk == second.pk
    assert Response.objects.count() == 1 and not ResponseDraft.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_racing_threads_submitting_one_draft_store_one_response(every_type_survey, journey):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a database they can share with locking (run on PostgreSQL)")
    _ready_to_submit(journey, every_type_survey)
    barrier, results, failures = threading.Barrier(2), [], []

    def submit():
        try:
            draft = ResponseDraft.objects.get()
            barrier.wait(timeout=10)
            results.append(services.response_submit(draft=draft).pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures, failures
    assert len(results) == 2 and results[0] == results[1]
    assert Response.objects.count() == 1
