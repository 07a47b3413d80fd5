import csv
import io

import openpyxl
import pytest

from engagement.models import AuditEvent
from tests.conftest import PASSWORD

URL = "/api/v1/surveys/{}/export/"


@pytest.fixture
def api(client, analyst):
    assert client.login(email=analyst.email, password=PASSWORD)
    return client


def test_csv_export_over_the_api(survey, api, analyst):
    response = api.get(URL.format(survey.slug), {"format": "csv", "question": "satisfaction", "by": "sex"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any(row[:1] == ["table"] for row in rows)
    event = AuditEvent.objects.get(action="export.results")
    assert event.actor == analyst
    assert event.detail["format"] == "csv" and event.detail["via"] == "api"
    assert event.detail["tables"] == ["satisfaction by sex"]


def test_xlsx_export_over_the_api_with_two_questions(survey, api):
    response = api.get(URL.format(survey.slug), {"format": "xlsx", "question": "satisfaction,transport_rating",
                                                 "by": "age_band"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["About", "satisfaction by age_band", "transport_rating by age_band"]


def test_bad_input_gets_the_api_error_shape(survey, api):
    response = api.get(URL.format(survey.slug), {"format": "pdf", "question": "nope"})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert {"format", "by"} <= set(body["errors"])
    response = api.get(URL.format(survey.slug), {"question": "nope", "by": "sex"})
    assert response.status_code == 400
    assert "question" in response.json()["errors"]


def test_only_analysts_of_the_programme(survey, client, author):
    assert client.get(URL.format(survey.slug), {"by": "sex"}).status_code in (401, 403)
    assert client.login(email=author.email, password=PASSWORD)
    assert client.get(URL.format(survey.slug), {"by": "sex"}).status_code == 403
    assert not AuditEvent.objects.filter(action="export.results").exists()
