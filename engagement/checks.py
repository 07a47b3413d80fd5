"""Refuse to start with configuration that would break a promise to respondents."""

from django.conf import settings
from django.core.checks import Error, register

STANDARD_MIN_GROUP_SIZE = 10  # standards.md §3.1: LCR reports no group under 10


@register()
def check_disclosure_threshold(app_configs, **kwargs):
    if settings.MIN_GROUP_SIZE_DEFAULT < STANDARD_MIN_GROUP_SIZE:
        return [Error(f"ENGAGEMENT_MIN_GROUP_SIZE is {settings.MIN_GROUP_SIZE_DEFAULT}; "
                      f"the standard minimum is {STANDARD_MIN_GROUP_SIZE}.", id="engagement.E001")]
    return []


@register(deploy=True)
def check_production_database(app_configs, **kwargs):
    engine = settings.DATABASES["default"]["ENGINE"]
    if settings.PRODUCTION and engine.endswith("sqlite3"):
        return [Error("Production must run on PostgreSQL (set DATABASE_URL).", id="engagement.E002")]
    return []


# Email backends that write messages (and so invitation tokens) where others can read them.
PRINTING_EMAIL_BACKENDS = ("django.core.mail.backends.console.EmailBackend",
                           "django.core.mail.backends.filebased.EmailBackend")


@register()
def check_production_email(app_configs, **kwargs):
    """Invitation emails hold personal links: in production they must be sent, never printed."""
    backends = [m.get("BACKEND") for m in getattr(settings, "MAILERS", {}).values()]
    if settings.PRODUCTION and any(b in PRINTING_EMAIL_BACKENDS for b in backends):
        return [Error("Production must not print or file emails: invitation links would be written "
                      "to the server's logs or disk. Configure SMTP (DJANGO_EMAIL_*).", id="engagement.E003")]
    return []
