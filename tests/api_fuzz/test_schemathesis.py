"""Schemathesis over the OpenAPI schema, through the WSGI app (every middleware), as an outsider would.

Run anonymously and with an analyst's read-only personal token: no input may give a 5xx, and every
status code and content type must be one the schema documents. Bounded for CI (API_FUZZ_EXAMPLES
examples per operation, 10 by default); docs/security.md gives the longer run.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from engagement.tokens import token_create
from surveys.services import response_create

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance]


@pytest.fixture
def api_schema(db, published_survey):
    survey = published_survey(slug="citizens-voice-2026")
    response_create(survey=survey, idempotency_key="seed", answers={"local_authority": "wirral", "satisfaction": 4})
    # As Django's test client does: requests must not close the test's connection (its transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def fuzz_every_operation(api_schema, headers) -> list[str]:
    """Every operation with EXAMPLES generated cases; the failures, one line each."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS, excluded_checks=[])

        try:
            run()
        except (AssertionError, BaseExceptionGroup) as exc:  # a check failed: report every operation
            failures.append(f"{operation.label}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    return failures


def test_anonymous_clients_get_no_server_error_or_undocumented_answer(api_schema):
    assert fuzz_every_operation(api_schema, {}) == []


def test_an_analyst_token_gets_no_server_error_or_undocumented_answer(api_schema, analyst, programme):
    _, text = token_create(user=analyst, name="fuzz", programmes=[programme], can_write=False, days=1)
    assert fuzz_every_operation(api_schema, {"Authorization": f"Bearer {text}"}) == []
