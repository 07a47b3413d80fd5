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
