"""From the database alone, no staff survey response can be traced to the person who gave it.

Ten people (k, so their ballots are released) submit through their invitation links in a
known order, each giving a different answer, so the test knows who answered what. It then
reads every column of every row the journey touched and checks that nothing (values, ids,
hashes, dates, row order or row versions) pairs a participation or a staff-list entry with a
response. tests/programmes/test_staff_attacker.py plays the full threat model (WAL, logs).
"""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.utils import timezone
from programme_data import submit, walk

from engagement.models import AuditEvent
from surveys.models import Response, ResponseDraft
from surveys.waves.models import Participation, StaffMember

PEOPLE = [(f"person{i}@lcrca.example", "Finance" if i < 5 else "Transport") for i in range(10)]


def _answer_in_order(survey, tokens, order):
    """Each person in ``order`` follows their link and submits; the i-th writes "comment i"."""
    for email in order:
        browser = Client()
        assert browser.get(f"/staff/people/invite/{tokens[email]}/").status_code == 302
        walk(browser, survey.slug, {"edi-improve": {"edi_improve": f"comment {order.index(email)}"},
                                    "eq-about": {"equality_opt_in": "no"}})
        assert submit(browser, survey.slug).status_code == 302


def _rows(model) -> list[dict]:
    return [{f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields} for obj in model.objects.all()]


def _values(rows) -> set[str]:
    found = set()

    def walk_value(value):
        if isinstance(value, dict):
            for k, v in value.items():
                walk_value(k)
                walk_value(v)
        elif isinstance(value, list):
            for v in value:
                walk_value(v)
        elif value is not None:
            found.add(str(value).lower())

    for row in rows:
        walk_value(row)
    return found


def _physical_order() -> tuple[list[str], set[str]]:
    """Participation keys in storage order, and the row versions (PostgreSQL xmin) they carry."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT key, xmin::text FROM engagement_participation ORDER BY ctid")
        else:
            cursor.execute("SELECT key, '' FROM engagement_participation ORDER BY rowid")
        rows = cursor.fetchall()
    return [key for key, _ in rows], {xmin for _, xmin in rows}


@pytest.fixture
def ten_submitted(invite, wave):
    tokens = invite(PEOPLE)
    _answer_in_order(wave.survey, tokens, [e for e, _ in PEOPLE])
    return tokens


def test_no_identifier_of_a_person_appears_in_any_response(ten_submitted):
    people = _rows(Participation) + _rows(StaffMember)
    identifiers = {str(row[col]).lower() for row in people for col in ("key", "email", "invitation_hash") if col in row}
    assert len(identifiers) == 10 + 20  # 10 participation keys; 10 emails and 10 token hashes
    assert Response.objects.count() == 10  # released: the tenth ballot made a batch
    answer_side = _values(_rows(Response))  # every column, answers and profile included
    assert not identifiers & answer_side
    for token in ten_submitted.values():
        assert token.lower() not in _values(people) | answer_side  # tokens are only ever emailed


def test_responses_and_people_refer_to_nothing_of_each_other():
    from surveys.models import Channel, Survey, SurveyVersion

    assert {f.related_model for f in Response._meta.concrete_fields if f.is_relation} == {Survey, SurveyVersion, Channel}
    for model in (Participation, StaffMember):
        assert {f.related_model.__name__ for f in model._meta.concrete_fields if f.is_relation} == {"Wave"}


def test_values_shared_by_people_and_responses_are_the_same_for_every_response(ten_submitted):
    """A value found on both sides could pair one person with one response only if it told
    responses apart; every shared value is common to all responses (the survey, the version,
    the day), so it cannot."""
    responses = [{k: v for k, v in row.items() if k not in ("answers", "profile")} for row in _rows(Response)]
    shared = _values(_rows(Participation) + _rows(StaffMember)) & _values(responses)
    assert shared, "expected at least the survey and the day to be common"
    for value in shared:
        assert all(value in _values([row]) for row in responses), value


def test_no_column_records_when_someone_took_part():
    participation_fields = {f.name for f in Participation._meta.concrete_fields}
    assert participation_fields == {"key", "wave", "directorate"}
    response_times = [f.name for f in Response._meta.concrete_fields
                      if f.get_internal_type() in ("DateTimeField", "TimeField", "DateField")]
    assert response_times == ["submitted_on"]  # a date, the same for everyone who answers that day
    staff_times = [f.name for f in StaffMember._meta.concrete_fields
                   if f.get_internal_type() in ("DateTimeField", "TimeField", "DateField")]
    assert staff_times == ["invited_on"]  # set when invitations are sent, never at submission


def test_submitting_writes_no_trace_elsewhere(ten_submitted):
    assert Session.objects.count() == 0  # following a link and answering stores nothing server-side
    assert not ResponseDraft.objects.exists()
    assert not AuditEvent.objects.exclude(action__in=["people.staff_import", "people.invitations_send",
                                                      "survey.import_definition", "survey.publish"]).exists()
    assert StaffMember.objects.filter(invited_on=timezone.localdate()).count() == 10  # untouched since invited


def test_participation_rows_are_the_same_whatever_order_people_answered_in(invite, wave):
    tokens = invite(PEOPLE)
    emails = [e for e, _ in PEOPLE]
    _answer_in_order(wave.survey, tokens, emails)
    first = (_rows(Participation), *_physical_order())
    Response.objects.all().delete()
    Participation.objects.all().delete()
    _answer_in_order(wave.survey, tokens, list(reversed(emails)))
    second = (_rows(Participation), *_physical_order())
    assert first[0] == second[0]  # same values, same ids
    assert first[1] == second[1]  # same storage order
    assert len(first[2]) == 1 and len(second[2]) == 1  # one row version shared by every row
    assert first[1] == sorted(first[1])  # stored in key order, a keyed hash of the email


def test_response_ids_and_dates_do_not_follow_submission_order(ten_submitted):
    by_answer = sorted(Response.objects.all(), key=lambda r: int(r.answers["edi_improve"].split()[1]))
    assert len({r.submitted_on for r in by_answer}) == 1
    assert all(r.id.version == 4 for r in by_answer)  # random, not time-based (uuid1/uuid7 would order)
    assert all(r.submitted_on <= timezone.localdate() + datetime.timedelta(days=1) for r in by_answer)
