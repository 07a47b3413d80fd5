"""Granting and revoking roles from the people page, within the actor's own scope.

Rules (docs/programmes.md, "People and roles"):
- an administrator of a programme grants and revokes roles for that programme only; a role for
  every programme needs an administrator for every programme;
- nobody changes their own roles (no one widens their own access);
- nothing here can make a superuser or change a platform operator's access: operators are
  managed with ``manage.py createsuperuser`` and the Django admin;
- an administrator sees only the people and roles inside their scope;
- every change is audited.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q

from . import access
from .audit import audit_record
from .models import Programme, Role, RoleAssignment, User


class RoleChangeRefused(Exception):
    """The actor may not make this change; the message says why, for the page."""


def manages_everything(actor) -> bool:
    return access.user_has_role(actor, Role.ADMINISTRATOR)


def managed_programmes(actor):
    return access.programmes_for(actor, Role.ADMINISTRATOR)


def _in_scope(actor) -> Q:
    """Role assignments the actor may see and change."""
    if manages_everything(actor):
        return Q()
    return Q(programme__in=managed_programmes(actor))


def people_for(actor):
    """The people the actor may manage: everyone for an administrator of every programme, else those
    holding a role in one of the actor's programmes. Operators are never listed for others."""
    people = User.objects.filter(is_superuser=False) if not actor.is_superuser else User.objects.all()
    if not manages_everything(actor):
        people = people.filter(role_assignments__programme__in=managed_programmes(actor))
    return people.distinct().order_by("email")


def visible_roles(actor, person):
    return person.role_assignments.filter(_in_scope(actor)).select_related("programme") \
        .order_by("programme__name", "role")


def _check(actor, person, programme) -> None:
    if not access.user_has_role(actor, Role.ADMINISTRATOR, programme):
        scope = programme.name if programme else "every programme"
        raise RoleChangeRefused(f"You are not an administrator for {scope}.")
    if person.pk == actor.pk:
        raise RoleChangeRefused("You cannot change your own roles. Ask another administrator.")
    if person.is_superuser and not actor.is_superuser:
        raise RoleChangeRefused("Platform operators' access is managed by the operators.")


def _describe(role, programme) -> dict:
    return {"role": role, "programme": programme.slug if programme else None}


def role_grant(*, actor, person: User, role: str, programme: Programme | None) -> RoleAssignment:
    _check(actor, person, programme)
    assignment, created = RoleAssignment.objects.get_or_create(user=person, role=Role(role), programme=programme)
    if created:
        audit_record(actor=actor, action="role.grant", target=person.email, **_describe(role, programme))
    return assignment


def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    _check(actor, assignment.user, assignment.programme)
    audit_record(actor=actor, action="role.revoke", target=assignment.user.email,
                 **_describe(assignment.role, assignment.programme))
    assignment.delete()


@transaction.atomic
def person_add(*, actor, email: str, first_name: str, last_name: str, role: str,
               programme: Programme | None) -> User:
    """Give ``email`` a role, creating their account (no password: they sign in through the
    identity provider, or set one with "Forgotten your password?") if there is none."""
    email = email.strip().lower()
    if not access.user_has_role(actor, Role.ADMINISTRATOR, programme):
        raise RoleChangeRefused("You are not an administrator for that programme.")
    person = User.objects.filter(email=email).first()
    if person is None:
        try:
            with transaction.atomic():
                person = User.objects.create_user(email=email, first_name=first_name, last_name=last_name)
        except IntegrityError:  # added by someone else a moment ago
            person = User.objects.get(email=email)
        else:
            audit_record(actor=actor, action="person.add", target=email)
    role_grant(actor=actor, person=person, role=role, programme=programme)
    return person
