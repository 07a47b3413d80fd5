"""Nobody lists responses over the API; who may read it; the published API description."""

import base64
import re

import pytest

from engagement.models import Programme, RoleAssignment
from surveys.services import response_create


@pytest.fixture
def survey_with_a_response(every_type_survey):
    response_create(survey=every_type_survey, idempotency_key="k1",
                    answers={"colour": "red", "modes": ["bus"], "rating5": 2, "fair_1": 1, "fair_2": 2,
                             "visits": 1, "visit_date": "2025-01-02", "nickname": "Secret text"})
    return every_type_survey


def _list(client, survey):
    return client.get(f"/api/v1/surveys/{survey.slug}/responses/")


@pytest.mark.parametrize("persona", [None, "outsider", "author", "analyst", "administrator"])
def test_nobody_lists_responses_over_the_api(survey_with_a_response, client, persona, request):
    # Issue 15: row-level data leaves only as k-anonymous microdata, to grantees
    # (tests/exports/test_microdata.py). The listing answered analysts with every answer.
    if persona:
        client.force_login(request.getfixturevalue(persona))
    reply = _list(client, survey_with_a_response)
    assert reply.status_code in (403, 405)
    assert "Secret text" not in reply.content.decode()


def test_an_analyst_of_another_programme_cannot_read_the_survey(survey_with_a_response, client, analyst):
    RoleAssignment.objects.filter(user=analyst).update(
        programme=Programme.objects.create(slug="staff-engagement", name="Staff Engagement"))
    client.force_login(analyst)
    assert client.get(f"/api/v1/surveys/{survey_with_a_response.slug}/targets/").status_code == 403


def test_a_password_alone_no_longer_opens_the_api(survey_with_a_response, client, analyst):
    # Issue 21: Basic auth skipped the second factor and the sign-in lockout. Before the fix this was a 200.
    analyst.set_password("for-scripts-2026")
    analyst.save()
    token = base64.b64encode(f"{analyst.email}:for-scripts-2026".encode()).decode()
    reply = client.get(f"/api/v1/surveys/{survey_with_a_response.slug}/targets/",
                       headers={"Authorization": f"Basic {token}"})
    assert reply.status_code == 403
    assert "Secret text" not in reply.content.decode()


def test_open_surveys_and_their_definitions_are_public(every_type_survey, client):
    listed = client.get("/api/v1/surveys/").json()
    assert [s["slug"] for s in listed] == ["every-type"]
    detail = client.get("/api/v1/surveys/every-type/").json()
    assert detail["version"] == 1 and detail["definition"]["pages"][0]["key"] == "colour"


def test_the_openapi_schema_describes_the_response_endpoint(client, db):
    reply = client.get("/api/schema/")
    assert reply.status_code == 200
    schema = reply.content.decode()
    assert "openapi:" in schema and "/api/v1/surveys/{slug}/responses/" in schema
    assert "Idempotency-Key" in schema


def test_the_api_docs_page_loads_without_third_party_assets(client, db):
    reply = client.get("/api/docs/")
    assert reply.status_code == 200
    html = reply.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in src for src in sources)
    assert all(src.startswith("/") for src in sources), sources
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()
