"""Fixtures for the programme content: the equality block, staff survey and passenger safety."""

import datetime
import re

import pytest
from django.utils import timezone
from programme_data import demo

from engagement.models import Programme, Role, RoleAssignment, User
from surveys.characteristics import derive_profile, minimise
from surveys.definition import Definition
from surveys.equality import equality_pages
from surveys.waves import services as staff_services
from surveys.waves.models import Wave


@pytest.fixture
def equality_definition():
    return Definition({"schema": 1, "survey": {}, "pages": equality_pages()})


@pytest.fixture
def profile_for(equality_definition):
    """The profile a response would get, built as response storage builds it."""

    def build(answers: dict, definition: Definition = equality_definition) -> dict:
        stored = minimise(definition, definition.clean_complete(answers))
        return derive_profile(definition, stored)

    return build


@pytest.fixture
def born_years_ago():
    """The ISO date of birth of someone who turns ``years`` today (or ``days_later``)."""

    def born(years: int, *, days_later: int = 0) -> str:
        today = timezone.localdate()
        try:
            birthday = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            birthday = today.replace(year=today.year - years, day=28)
        return (birthday + datetime.timedelta(days=days_later)).isoformat()

    return born


@pytest.fixture
def staff_programme(db):
    return Programme.objects.create(slug="staff-engagement", name="Staff Engagement")


@pytest.fixture
def staff_survey(published_survey, staff_programme):
    return published_survey(demo("staff-engagement"), programme=staff_programme)


@pytest.fixture(autouse=True)
def _jobs_inline(settings):
    """Ballot releases run inside the request that triggers them, so tests see their result."""
    settings.JOB_RUNNER = "inline"


@pytest.fixture
def wave(staff_survey):
    today = timezone.localdate()
    return Wave.objects.create(survey=staff_survey, name="2026", opens_on=today - datetime.timedelta(days=7),
                               closes_on=today + datetime.timedelta(days=7))


@pytest.fixture
def release_each(settings, wave):
    """k = 1 for this wave: each ballot is released as soon as it is sealed, so a test of the
    journey can read the response it produced. Never allowed outside tests (engagement.E001)."""
    settings.MIN_GROUP_SIZE_DEFAULT = 1
    wave.survey.min_group_size = 1
    wave.survey.save(update_fields=["min_group_size"])


@pytest.fixture
def invite(wave, mailoutbox):
    """Factory: load ``people`` [(email, directorate)] as the staff list, email invitations,
    and return each person's token as read from their email."""

    def load_and_invite(people) -> dict[str, str]:
        csv = "email,directorate\n" + "".join(f"{e},{d}\n" for e, d in people)
        staff_services.staff_import(wave=wave, content=csv.encode())
        mailoutbox.clear()
        staff_services.invitations_send(wave=wave, link_for=lambda token: f"http://testserver/staff/people/invite/{token}/")
        return {m.to[0]: re.search(r"/staff/people/invite/([^/\s]+)/", m.body).group(1) for m in mailoutbox}

    return load_and_invite


@pytest.fixture
def staff_admin(staff_programme):
    user = User.objects.create_user(email="people-admin@example.org", password="persona-password-2026")
    RoleAssignment.objects.create(user=user, role=Role.ADMINISTRATOR, programme=staff_programme)
    return user


@pytest.fixture
def staff_analyst(staff_programme):
    user = User.objects.create_user(email="people-analyst@example.org", password="persona-password-2026")
    RoleAssignment.objects.create(user=user, role=Role.ANALYST, programme=staff_programme)
    return user
