"""Row-level responses go only to holders of a microdata grant, k-anonymous, never mid-wave (issue 15)."""

import csv
import datetime
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from analysis import microdata
from analysis.models import MicrodataGrant
from engagement.models import AuditEvent, Programme, Role
from engagement.tokens import token_create
from surveys.models import Wave
from tests.conftest import _person
from tests.exports.helpers import add_responses

NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def survey(published_survey):
    survey = published_survey()
    add_responses(survey, count=300, extra=[{"local_authority": "wirral", "priority": "Call me on 07700 900123", "satisfaction": 4}])
    return survey


@pytest.fixture
def grantee(analyst, administrator, survey):
    microdata.grant_microdata(survey=survey, user=analyst, granted_by=administrator, expires_on=NEXT_MONTH)
    return analyst


def _rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def _staff_download(client, survey):
    reply = client.get(reverse("analysis:survey-microdata", args=[survey.slug]))
    return reply, b"".join(reply.streaming_content) if reply.streaming else reply.content


def test_the_file_is_k_anonymous_over_every_quasi_identifier(survey, grantee):
    data = microdata.k_anonymous(survey)
    assert data.k == survey.min_group_size == 10
    counts = microdata.quasi_identifier_counts(data)
    assert min(counts.values()) >= data.k
    assert {"submitted_month", "channel", "language"} <= set(data.quasi_identifiers)
    assert {"profile_sex", "profile_age_band", "profile_ethnic_group_broad"} <= set(data.quasi_identifiers)
    # The generated data has rare combinations: they were suppressed, not published.
    assert data.suppressed_values > 0
    assert len(data.rows) + data.rows_left_out == survey.responses.count()

    # The same property read back from the file the grantee downloads.
    client = Client()
    client.force_login(grantee)
    reply, content = _staff_download(client, survey)
    assert reply.status_code == 200 and "attachment" in reply["Content-Disposition"]
    rows = _rows(content)
    assert len(rows) == len(data.rows)
    counts = Counter(tuple(row[q] for q in data.quasi_identifiers) for row in rows)
    assert min(counts.values()) >= survey.min_group_size


@pytest.mark.parametrize(("count", "seed"), [(4, 1), (15, 2), (60, 3), (180, 4)])
def test_k_anonymity_holds_for_small_and_odd_samples(published_survey, count, seed):
    survey = published_survey()
    add_responses(survey, count=count, seed=seed)
    data = microdata.k_anonymous(survey)
    assert all(n >= data.k for n in microdata.quasi_identifier_counts(data).values())
    assert len(data.rows) + data.rows_left_out == count
    if count < data.k:  # too few for any combination to be shared by k: nothing is released
        assert data.rows == []


def test_the_file_has_no_ids_days_free_text_or_dates_of_birth(survey, grantee):
    client = Client()
    client.force_login(grantee)
    _, content = _staff_download(client, survey)
    header = _rows(content)[0].keys()
    assert "response_id" not in header and "submitted_on" not in header
    assert "priority" not in header  # free text: no reviewed redaction recorded, so left out
    assert "date_of_birth" not in header and "age" not in header
    assert "07700 900123" not in content.decode()
    months = {row["submitted_month"] for row in _rows(content)}
    assert all(len(m) in (4, 7) or "Q" in m or m == "suppressed" for m in months)


@pytest.mark.parametrize(("threshold", "k"), [(25, 25), (3, 10)])
def test_k_follows_the_survey_threshold_but_never_below_ten(survey, threshold, k):
    survey.min_group_size = threshold
    survey.save()
    data = microdata.k_anonymous(survey)
    assert data.k == k and min(microdata.quasi_identifier_counts(data).values()) >= k


@pytest.mark.parametrize("persona", ["outsider", "author", "analyst", "administrator", "analyst elsewhere"])
def test_nobody_without_a_grant_gets_any_row_on_any_route(survey, persona, request, tmp_path):
    user = (_person("elsewhere@example.org", Role.ANALYST, Programme.objects.create(slug="ps", name="PS"))
            if persona == "analyst elsewhere" else request.getfixturevalue(persona))
    client = Client()
    client.force_login(user)
    staff = client.get(reverse("analysis:survey-microdata", args=[survey.slug]))
    assert staff.status_code == 403
    _, token = token_create(user=user, name="x", programmes=[survey.programme], can_write=False, days=7)
    api = Client().get(f"/api/v1/surveys/{survey.slug}/microdata/", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 403
    if persona in ("analyst", "administrator"):  # the role holders are told what they lack
        assert "microdata grant" in staff.content.decode() and "microdata grant" in api.json()["detail"]
    with pytest.raises(CommandError, match="microdata grant"):
        call_command("export_results", survey.slug, "--microdata", "--user", user.email,
                     "--output", str(tmp_path / "rows.csv"))
    # The old raw routes are gone for everyone.
    assert client.get(f"/staff/analysis/{survey.slug}/responses.csv").status_code == 404
    listing = Client().get(f"/api/v1/surveys/{survey.slug}/responses/", headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 405
    assert not AuditEvent.objects.filter(action="export.microdata").exists()


def test_anonymous_visitors_get_nothing(survey, client):
    assert client.get(reverse("analysis:survey-microdata", args=[survey.slug])).status_code == 302
    assert client.get(f"/api/v1/surveys/{survey.slug}/microdata/").status_code == 403


def test_a_grantee_gets_the_file_on_every_route_and_each_download_is_audited(survey, grantee, tmp_path):
    _, token = token_create(user=grantee, name="x", programmes=[survey.programme], can_write=False, days=7)
    api = Client().get(f"/api/v1/surveys/{survey.slug}/microdata/", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    out = tmp_path / "rows.csv"
    call_command("export_results", survey.slug, "--microdata", "--user", grantee.email, "--output", str(out))
    rows = _rows(out.read_bytes())
    assert rows == _rows(b"".join(api.streaming_content))
    events = AuditEvent.objects.filter(action="export.microdata").order_by("at")
    assert [e.detail["via"] for e in events] == ["api", "command"]
    assert all(e.actor == grantee and e.detail["k"] == 10 for e in events)


def test_revoked_and_expired_grants_open_nothing(survey, grantee, administrator):
    client = Client()
    client.force_login(grantee)
    grant = MicrodataGrant.objects.get()
    grant.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    grant.save()
    assert client.get(reverse("analysis:survey-microdata", args=[survey.slug])).status_code == 403
    grant.expires_on = NEXT_MONTH
    grant.save()
    assert client.get(reverse("analysis:survey-microdata", args=[survey.slug])).status_code == 200
    microdata.revoke_microdata(grant=grant, revoked_by=administrator)
    assert client.get(reverse("analysis:survey-microdata", args=[survey.slug])).status_code == 403


def test_a_staff_survey_is_refused_while_its_wave_is_open(survey, grantee):
    today = timezone.localdate()
    wave = Wave.objects.create(survey=survey, name="2026", opens_on=today - datetime.timedelta(days=3),
                               closes_on=today + datetime.timedelta(days=3))
    client = Client()
    client.force_login(grantee)
    reply = client.get(reverse("analysis:survey-microdata", args=[survey.slug]))
    assert reply.status_code == 403 and "still open" in reply.content.decode()
    wave.closes_on = today - datetime.timedelta(days=1)
    wave.save()
    assert client.get(reverse("analysis:survey-microdata", args=[survey.slug])).status_code == 200


def test_administrators_grant_and_revoke_on_the_staff_page_and_both_are_audited(survey, analyst, administrator):
    client = Client()
    client.force_login(administrator)
    url = reverse("analysis:microdata-grants", args=[survey.slug])
    refused = client.post(url, {"email": "nobody@example.org", "expires_on": NEXT_MONTH.isoformat()})
    assert refused.status_code == 200 and "Enter the email address of an analyst" in refused.content.decode()
    too_long = client.post(url, {"email": analyst.email, "expires_on": "2099-01-01"})
    assert "at most a year" in too_long.content.decode()
    reply = client.post(url, {"email": analyst.email, "expires_on": NEXT_MONTH.isoformat()})
    assert reply.status_code == 302
    grant = MicrodataGrant.objects.get()
    assert grant.user == analyst and grant.granted_by == administrator
    granted = AuditEvent.objects.get(action="microdata.grant")
    assert granted.actor == administrator and granted.detail["user"] == analyst.email
    page = client.get(url).content.decode()
    assert analyst.email in page and "Revoke" in page

    client.post(reverse("analysis:microdata-revoke", args=[survey.slug, grant.pk]))
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == administrator
    assert AuditEvent.objects.get(action="microdata.revoke").actor == administrator


@pytest.mark.parametrize("persona", ["analyst", "author", "outsider", "administrator of another programme"])
def test_only_administrators_of_the_programme_manage_grants(survey, persona, request):
    if persona.startswith("administrator"):
        user = _person("admin2@example.org", Role.ADMINISTRATOR, Programme.objects.create(slug="ps", name="PS"))
    else:
        user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user)
    url = reverse("analysis:microdata-grants", args=[survey.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": user.email, "expires_on": NEXT_MONTH.isoformat()}).status_code == 403
    assert not MicrodataGrant.objects.exists()
