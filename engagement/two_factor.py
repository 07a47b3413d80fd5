"""Two-factor sign-in is required, not offered, for staff who can see special category data.

Analysts and administrators (and platform operators) see answers about ethnicity, religion,
disability, sexual orientation and health. After their password (or the identity provider)
they must enrol an authenticator app (allauth.mfa TOTP) before any staff page, admin page or
API endpoint answers; once enrolled, allauth asks for a code at every sign-in. Authors see
survey wording only and may enrol if they wish.
"""

from allauth.mfa.models import Authenticator
from django.http import JsonResponse
from django.shortcuts import redirect

from .models import Role, RoleAssignment

# Where special category data can be reached; everything else (sign-in, enrolment, respondents'
# pages, static files) stays open so the person can enrol.
GATED_PREFIXES = ("/staff/", "/admin/", "/api/")
TWO_FACTOR_ROLES = (Role.ANALYST, Role.ADMINISTRATOR)


def needs_two_factor(user) -> bool:
    return user.is_superuser or RoleAssignment.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and request.path.startswith(GATED_PREFIXES)
                and needs_two_factor(user) and not has_two_factor(user)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Set up two-factor authentication before using the API."},
                                    status=403)
            return redirect("two-factor-required")
        return self.get_response(request)
