"""The people page (engagement/roles.py): administrators grant and revoke roles only within their
own programmes, never for every programme unless they administer every programme, never their
own, never a superuser; they see nobody outside their scope; every change is audited."""

import pytest

from engagement.models import AuditEvent, Programme, Role, RoleAssignment, User
from tests.conftest import PASSWORD


@pytest.fixture
def other_programme(db):
    return Programme.objects.create(slug="passenger-safety", name="Passenger Safety")


def _person(email, role=None, programme=None):
    user = User.objects.create_user(email=email, password=PASSWORD)
    if role:
        RoleAssignment.objects.create(user=user, role=role, programme=programme)
    return user


@pytest.fixture
def scoped_admin(programme):
    return _person("cv-admin@example.org", Role.ADMINISTRATOR, programme)


@pytest.fixture
def elsewhere_analyst(other_programme):
    return _person("ps-analyst@example.org", Role.ANALYST, other_programme)


def test_a_programme_administrator_sees_only_people_of_their_programme(signed_in, scoped_admin, author,
                                                                       elsewhere_analyst):
    client = signed_in(scoped_admin)
    page = client.get("/staff/roles/").content.decode()
    assert "author@example.org" in page and "ps-analyst@example.org" not in page
    assert client.get(f"/staff/roles/{elsewhere_analyst.pk}/").status_code == 404


def test_they_see_only_the_roles_a_person_holds_in_their_programme(signed_in, scoped_admin, author, other_programme):
    RoleAssignment.objects.create(user=author, role=Role.ANALYST, programme=other_programme)
    page = signed_in(scoped_admin).get(f"/staff/roles/{author.pk}/").content.decode()
    assert "Citizen&#x27;s Voice" in page and "Passenger Safety" not in page


def test_they_grant_and_revoke_roles_in_their_programme_and_each_change_is_audited(signed_in, scoped_admin, author,
                                                                                   programme):
    client = signed_in(scoped_admin)
    reply = client.post(f"/staff/roles/{author.pk}/", {"role": Role.ANALYST, "programme": programme.pk})
    assert reply.status_code == 302
    granted = RoleAssignment.objects.get(user=author, role=Role.ANALYST, programme=programme)
    event = AuditEvent.objects.get(action="role.grant")
    assert (event.actor, event.target, event.detail) == (scoped_admin, author.email,
                                                         {"role": "analyst", "programme": "citizens-voice"})
    assert client.post(f"/staff/roles/{author.pk}/roles/{granted.pk}/revoke/").status_code == 302
    assert not RoleAssignment.objects.filter(pk=granted.pk).exists()
    assert AuditEvent.objects.filter(action="role.revoke", actor=scoped_admin, target=author.email).exists()


@pytest.mark.parametrize("programme_value", ["all", "other"])
def test_they_cannot_widen_a_role_to_every_or_another_programme(signed_in, scoped_admin, author, other_programme,
                                                                programme_value):
    client = signed_in(scoped_admin)
    assert 'value="all"' not in client.get(f"/staff/roles/{author.pk}/").content.decode()
    value = "all" if programme_value == "all" else other_programme.pk
    reply = client.post(f"/staff/roles/{author.pk}/", {"role": Role.ADMINISTRATOR, "programme": value})
    assert reply.status_code == 400 and "Select one of your programmes" in reply.content.decode()
    assert list(author.role_assignments.values_list("role", flat=True)) == [Role.AUTHOR]
    assert not AuditEvent.objects.filter(action="role.grant").exists()


def test_they_cannot_change_their_own_roles(signed_in, scoped_admin, programme):
    client = signed_in(scoped_admin)
    assert "You cannot change your own roles" in client.get(f"/staff/roles/{scoped_admin.pk}/").content.decode()
    reply = client.post(f"/staff/roles/{scoped_admin.pk}/", {"role": Role.ANALYST, "programme": programme.pk})
    assert reply.status_code == 400 and "You cannot change your own roles" in reply.content.decode()
    own = scoped_admin.role_assignments.get()
    client.post(f"/staff/roles/{scoped_admin.pk}/roles/{own.pk}/revoke/")
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_they_cannot_revoke_a_role_held_in_another_programme(signed_in, scoped_admin, author, other_programme):
    elsewhere = RoleAssignment.objects.create(user=author, role=Role.ANALYST, programme=other_programme)
    reply = signed_in(scoped_admin).post(f"/staff/roles/{author.pk}/roles/{elsewhere.pk}/revoke/")
    assert reply.status_code == 404
    assert RoleAssignment.objects.filter(pk=elsewhere.pk).exists()


def test_no_page_makes_a_superuser_or_touches_one(signed_in, administrator, programme):
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    RoleAssignment.objects.create(user=operator, role=Role.AUTHOR, programme=programme)
    client = signed_in(administrator)  # administrator of every programme, not an operator
    assert "operator@example.org" not in client.get("/staff/roles/").content.decode()
    assert client.post(f"/staff/roles/{operator.pk}/", {"role": Role.ANALYST, "programme": "all"}).status_code == 404
    reply = client.post("/staff/roles/add/", {"email": "new@example.org", "role": Role.AUTHOR,
                                              "programme": programme.pk, "is_superuser": "on", "is_staff": "on"})
    assert reply.status_code == 302
    new = User.objects.get(email="new@example.org")
    assert not new.is_superuser and not new.is_staff and not new.has_usable_password()
    reply = client.post("/staff/roles/add/", {"email": "OPERATOR@example.org", "role": Role.ANALYST,
                                              "programme": programme.pk})
    assert reply.status_code == 400 and "managed by the operators" in reply.content.decode()
    assert not operator.role_assignments.filter(role=Role.ANALYST).exists()


def test_an_administrator_of_every_programme_may_grant_a_role_everywhere(signed_in, administrator, author):
    reply = signed_in(administrator).post(f"/staff/roles/{author.pk}/", {"role": Role.ANALYST, "programme": "all"})
    assert reply.status_code == 302
    assert RoleAssignment.objects.filter(user=author, role=Role.ANALYST, programme=None).exists()


def test_adding_a_person_creates_their_account_once_and_is_audited(signed_in, scoped_admin, programme):
    client = signed_in(scoped_admin)
    data = {"email": " New.Person@Example.org ", "first_name": "New", "last_name": "Person",
            "role": Role.AUTHOR, "programme": programme.pk}
    assert client.post("/staff/roles/add/", data).status_code == 302
    assert client.post("/staff/roles/add/", {**data, "role": Role.ANALYST}).status_code == 302
    person = User.objects.get(email="new.person@example.org")
    assert sorted(person.role_assignments.values_list("role", flat=True)) == [Role.ANALYST, Role.AUTHOR]
    assert AuditEvent.objects.filter(action="person.add", actor=scoped_admin).count() == 1
    assert AuditEvent.objects.filter(action="role.grant", actor=scoped_admin).count() == 2


def test_a_bad_email_gets_an_error_summary_and_nothing_is_saved(signed_in, scoped_admin, programme):
    reply = signed_in(scoped_admin).post("/staff/roles/add/", {"email": "not-an-email", "role": Role.AUTHOR,
                                                               "programme": programme.pk})
    page = reply.content.decode()
    assert reply.status_code == 400 and "There is a problem" in page and "Enter an email address" in page
    assert User.objects.count() == 1


@pytest.mark.parametrize("persona", ["author", "analyst", "outsider", "elsewhere_analyst"])
def test_only_administrators_reach_the_people_page(signed_in, persona, request, scoped_admin):
    client = signed_in(request.getfixturevalue(persona))
    for path in ["/staff/roles/", "/staff/roles/add/", f"/staff/roles/{scoped_admin.pk}/"]:
        assert client.get(path).status_code == 403, path
