"""The one place that decides who may see or change what.

Every view, API endpoint and export asks these functions; nothing else checks roles.
Administrators hold every role. A role with no programme covers all programmes. A request made
with a personal API token (``user.api_token``, see engagement/tokens.py) acts only within the
token's programmes, and never "for all programmes", whatever roles its owner holds.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from . import tokens
from .models import Role, RoleAssignment

# Which roles satisfy a need: an administrator can do anything an analyst or author can.
_SATISFIES = {
    Role.AUTHOR: {Role.AUTHOR, Role.ADMINISTRATOR},
    Role.ANALYST: {Role.ANALYST, Role.ADMINISTRATOR},
    Role.ADMINISTRATOR: {Role.ADMINISTRATOR},
}


def user_has_role(user, role: str, programme=None) -> bool:
    """True if ``user`` holds ``role`` (or a stronger one) for ``programme``, counting roles held
    for all programmes. With no programme: only a role held for all programmes counts (use
    ``programmes_for`` to ask about any programme)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if (token := getattr(user, "api_token", None)) is not None and (
            programme is None or programme.pk not in tokens.programme_ids(token)):
        return False
    if user.is_superuser:
        return True
    assignments = RoleAssignment.objects.filter(user=user, role__in=_SATISFIES[Role(role)])
    scope = Q(programme__isnull=True) if programme is None else Q(programme__isnull=True) | Q(programme=programme)
    return assignments.filter(scope).exists()


def require_role(user, role: str, programme=None) -> None:
    if not user_has_role(user, role, programme):
        raise PermissionDenied(f"This needs the {Role(role).label.lower()} role.")


def programmes_for(user, role: str):
    """The programmes ``user`` may act on with ``role``."""
    from .models import Programme

    if user is None or not user.is_authenticated:
        return Programme.objects.none()
    if user.is_superuser or RoleAssignment.objects.filter(
        user=user, role__in=_SATISFIES[Role(role)], programme__isnull=True
    ).exists():
        programmes = Programme.objects.all()
    else:
        programmes = Programme.objects.filter(
            roleassignment__user=user, roleassignment__role__in=_SATISFIES[Role(role)]
        ).distinct()
    if (token := getattr(user, "api_token", None)) is not None:
        programmes = programmes.filter(pk__in=tokens.programme_ids(token))
    return programmes


def can_see_raw_responses(user, programme) -> bool:
    """Raw answers and open text: analysts of that programme only; others see aggregates."""
    return user_has_role(user, Role.ANALYST, programme)


def can_edit_surveys(user, programme) -> bool:
    return user_has_role(user, Role.AUTHOR, programme)
