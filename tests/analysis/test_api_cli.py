"""The breakdown, trend and targets endpoints and the breakdown command, through their real
interfaces: HTTP with sessions, and call_command."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from analysis.models import Target
from engagement.models import AuditEvent, Programme, Role, RoleAssignment, User
from tests.conftest import PASSWORD

URL = "/api/v1/surveys/staff-2026/"


@pytest.fixture
def survey(make_survey, add_responses):
    survey = make_survey()
    add_responses(survey, [{"sex": "female", "edi_1": 6, "uses_bus": "yes"}] * 20
                  + [{"sex": "male", "edi_1": 4, "uses_bus": "no"}] * 15
                  + [{"sex": "male", "edi_1": 5, "uses_bus": "yes"}] * 10
                  + [{"sex": "prefer_not_to_say", "edi_1": 3}] * 2
                  + [{"edi_1": 5, "uses_bus": "yes"}] * 12)  # hidden with the 2 beside them
    return survey


def signed_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_analyst_gets_a_gated_breakdown(client, survey, analyst):
    response = signed_in(client, analyst).get(URL + "breakdown/?question=edi_1&by=sex")
    assert response.status_code == 200
    body = response.json()
    assert body["question"] == "edi_1" and body["by"] == ["sex"] and body["min_group_size"] == 10
    rows = {r["group"]: r for r in body["rows"]}
    assert rows["female"]["n"] == 20 and rows["female"]["mean"] == 6
    assert rows["male"]["n"] == 25 and rows["male"]["p_value"] is not None
    pns = rows["prefer_not_to_say"]
    assert pns["suppressed"] and pns["n"] is None and pns["mean"] is None
    assert {"ci_low", "ci_high", "pct_positive", "diff_vs_rest", "p_adjusted", "distribution"} <= set(pns)
    assert body["disclosure"]["sex"]["prefer_not_to_say"] is None
    assert AuditEvent.objects.filter(action="analysis.breakdown", target="staff-2026").exists()


def test_filters_and_two_characteristics_over_http(client, survey, analyst):
    signed_in(client, analyst)
    body = client.get(URL + "breakdown/?question=edi_1&by=sex&where=uses_bus:yes&from=2020-01-01").json()
    assert body["filters"]["where"] == {"uses_bus": ["yes"]} and body["filters"]["from"] == "2020-01-01"
    assert body["total"]["n"] == 42
    two = client.get(URL + "breakdown/?question=edi_1&by=sex&by=directorate").json()
    assert {r["group"] for r in two["rows"]} >= {"female / not_answered", "male / not_answered"}
    assert client.get(URL + "breakdown/?question=edi_1&by=sex&by=ethnic_group&by=directorate").status_code == 400
    assert client.get(URL + "breakdown/?question=edi_1&by=sex&by=uses_bus").status_code == 400


@pytest.mark.parametrize(("query", "field"), [
    ("question=nope&by=sex", "question"),
    ("question=edi_1&by=shoe_size", "by"),
    ("by=sex", "question"),
    ("question=edi_1", "by"),
    ("question=edi_1&by=sex&where=edi_1", "where"),
    ("question=edi_1&by=sex&where=nope:1", "where"),
    ("question=edi_1&by=sex&from=yesterday", "from"),
    ("question=edi_1&by=sex&correction=none", "correction"),
])
def test_bad_queries_are_400_with_field_errors(client, survey, analyst, query, field):
    response = signed_in(client, analyst).get(URL + "breakdown/?" + query)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_anonymous_and_non_analysts_are_refused(client, survey, outsider, author):
    assert client.get(URL + "breakdown/?question=edi_1&by=sex").status_code in (401, 403)
    assert signed_in(client, outsider).get(URL + "breakdown/?question=edi_1&by=sex").status_code == 403
    assert signed_in(client, author).get(URL + "targets/").status_code == 403


def test_analysts_of_another_programme_are_refused(client, survey):
    other = Programme.objects.create(slug="passenger-safety", name="Passenger safety")
    user = User.objects.create_user(email="elsewhere@example.org", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.ANALYST, programme=other)
    assert signed_in(client, user).get(URL + "trend/?question=edi_1&period=month").status_code == 403


def test_unknown_survey_is_404(client, analyst, db):
    assert signed_in(client, analyst).get("/api/v1/surveys/nope/breakdown/?question=a&by=b").status_code == 404


def test_trend_and_targets_endpoints(client, survey, analyst):
    Target.objects.create(programme=survey.programme, name="EDI at least 6", question_codes=["edi_1"],
                          threshold=6.0, characteristics=["sex"])
    signed_in(client, analyst)
    trend = client.get(URL + "trend/?question=edi_1&period=quarter&by=sex")
    assert trend.status_code == 200 and trend.json()["period"] == "quarter"
    assert client.get(URL + "trend/?question=edi_1&period=fortnight").status_code == 400
    targets = client.get(URL + "targets/")
    assert targets.status_code == 200
    statuses = {s["group"]: s for s in targets.json()["statuses"]}
    assert statuses["male"]["status"] == "not_met" and statuses["female"]["suppressed"] is False


def run(*args):
    out = io.StringIO()
    call_command("breakdown", *args, stdout=out)
    return out.getvalue()


def test_cli_lists_closed_questions_with_grid_items(survey):
    assert run("staff-2026", "--list-questions").split() == [
        "sex", "ethnicity", "directorate", "edi_1", "edi_2", "satisfaction", "recommend", "uses_bus", "services"]


def test_cli_csv_has_the_api_columns(survey):
    rows = list(csv.DictReader(io.StringIO(run("staff-2026", "--question", "edi_1", "--by", "sex",
                                               "--format", "csv"))))
    assert {"sex", "group", "n", "mean", "ci_low", "ci_high", "pct_positive", "diff_vs_rest", "p_value",
            "p_adjusted", "suppressed"} <= set(rows[0])
    by_group = {r["group"]: r for r in rows}
    assert by_group["female"]["n"] == "20" and by_group["prefer_not_to_say"]["n"] == ""
    assert by_group["all"]["n"] == "59"


def test_cli_json_matches_the_function(survey):
    body = json.loads(run("staff-2026", "--question", "edi_1", "--by", "sex", "--by", "ethnic_group_broad",
                          "--where", "uses_bus:yes", "--format", "json"))
    assert body["by"] == ["sex", "ethnic_group_broad"] and body["filters"]["where"] == {"uses_bus": ["yes"]}
    assert AuditEvent.objects.filter(action="analysis.breakdown_cli").count() == 1


@pytest.mark.parametrize(("args", "message"), [
    (("nope", "--list-questions"), "No published survey"),
    (("staff-2026",), "--question"),
    (("staff-2026", "--question", "nope", "--by", "sex"), "question"),
    (("staff-2026", "--question", "edi_1", "--by", "shoe_size"), "by"),
    (("staff-2026", "--question", "edi_1", "--by", "sex", "--where", "bad"), "where"),
])
def test_cli_errors_are_clear(survey, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
