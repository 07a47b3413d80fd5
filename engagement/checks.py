"""Refuse to start with configuration that would break a promise to respondents."""

from django.conf import settings
from django.core.checks import Error, Warning, register

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


@register(deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Rate limits and lockouts count in the cache: a per-process cache makes them N workers times looser."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and backend.endswith(("locmem.LocMemCache", "dummy.DummyCache")):
        return [Warning("Production has no shared cache: sign-in and API token rate limits are counted per "
                        "worker process. Set REDIS_URL.", id="engagement.W001")]
    return []


@register(deploy=True)
def check_database_promises(app_configs, **kwargs):
    """The README promises WAL, BEGIN IMMEDIATE and secure_delete on SQLite and bounded PostgreSQL
    connections; warn if settings (e.g. a hand-edited DATABASES) no longer keep them."""
    database = settings.DATABASES["default"]
    options = database.get("OPTIONS", {})
    problems = []
    if database["ENGINE"].endswith("sqlite3"):
        init = options.get("init_command", "").lower().replace(" ", "")
        missing = [p for p in ("journal_mode=wal", "secure_delete=on") if p not in init]
        if options.get("transaction_mode") != "IMMEDIATE" or missing:
            problems.append("SQLite must run with transaction_mode IMMEDIATE, journal_mode=WAL and secure_delete=ON")
    elif database["ENGINE"].endswith("postgresql") and not options.get("pool") and database.get("CONN_MAX_AGE"):
        problems.append("PostgreSQL connections are persistent without a pool: each thread keeps one open; "
                        "use OPTIONS['pool'] (the default) so processes x DATABASE_POOL_MAX stays under max_connections")
    return [Warning(p, id="engagement.W002") for p in problems]


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
