"""Settings for the engagement platform, read from the environment (12-factor).

Local use needs no configuration: SQLite in ./var, debug off unless asked for, a
development secret key. Production (DJANGO_ENV=production) refuses to start without
a real secret key and database, and passes ``manage.py check --deploy``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


PRODUCTION = os.environ.get("DJANGO_ENV", "local") == "production"
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if PRODUCTION:
    # Sessions, resume-code cookies and password resets are signed with it: a guessable key opens them all.
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production: at least 50 random characters "
                                   "(python -c 'import secrets; print(secrets.token_urlsafe(50))')")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off in production: debug pages show settings and data")
elif not SECRET_KEY:
    SECRET_KEY = "local-development-only-key-not-for-production-use-0123456789abcdef"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "frontend.views.csrf_failure"  # branded and translated, not Django's bare 403

INSTALLED_APPS = [
    "frontend",  # first: its templates restyle the admin's and allauth's pages
    "engagement.apps.OperatorAdminConfig",  # django.contrib.admin for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",  # the authority's identity provider
    "engagement",
    "surveys",
    "analysis",
    "analysis.themes",
]

MIDDLEWARE = [
    # First: NUL and invalid UTF-8 are refused before sessions, forms or the database see them.
    "engagement.middleware.RejectMalformedInput",
    # A database connection lost mid-request: retried once when safe, otherwise 503 + Retry-After.
    "engagement.middleware.RideOutDatabaseFaults",
    # Pages go out gzipped (a question page is ~2 KB instead of ~12 KB on a slow phone connection);
    # Django pads each response with random bytes against BREACH. Static files come
    # pre-compressed from WhiteNoise and are left alone.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "engagement.middleware.StaffSessionLifetime",
    "engagement.two_factor.TwoFactorRequiredMiddleware",  # analysts and administrators enrol first
]

ROOT_URLCONF = "engagement.urls"
WSGI_APPLICATION = "engagement.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Databases: SQLite in ./var by default; DATABASE_URL (postgres://... or sqlite:///...) otherwise.
# Whatever the URL, SQLite gets WAL + BEGIN IMMEDIATE (concurrent writers queue instead of failing
# with 'database is locked'), a busy timeout longer than any transaction we run, and secure_delete
# (deleted drafts and erased waves are overwritten, not left readable in free pages).
# PostgreSQL gets a bounded psycopg pool per process: DATABASE_POOL_MAX connections at most, so
# processes x DATABASE_POOL_MAX must stay under the server's max_connections (100 by default;
# runserver's threads share one pool). The pool checks each connection before handing it out.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production (PostgreSQL)")
SQLITE_BUSY_TIMEOUT = env_int("DATABASE_BUSY_TIMEOUT", 60)
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
}
DATABASE_POOL_MAX = env_int("DATABASE_POOL_MAX", 10)
_database = dj_database_url.parse(DATABASE_URL) if DATABASE_URL else {
    "ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "engagement.sqlite3"}
if _database["ENGINE"].endswith("sqlite3"):
    _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
    # Keep each thread's connection: opening the file and running the PRAGMAs on every request
    # was about 40% of a submission's time (issue 20). A file database has no server to lose.
    _database["CONN_MAX_AGE"] = None
elif _database["ENGINE"].endswith("postgresql"):
    from psycopg_pool import ConnectionPool

    _database["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not keep its own
    _database["OPTIONS"] = {**_database.get("OPTIONS", {}), "pool": {
        "min_size": 1, "max_size": DATABASE_POOL_MAX, "timeout": 10, "check": ConnectionPool.check_connection}}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "engagement.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# django-allauth: staff sign in with email and password; no self sign-up (administrators invite).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "engagement.adapters.StaffAccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# Every way in is rate-limited in the shared cache (Redis in production: see CACHES): the sign-in
# form (10 failures a minute per address, 5 per account in 5 minutes locks it) and API tokens
# (engagement/tokens.py: 20 failures a minute per address).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "LCR Engagement"
# Sign-in through the authority's identity provider (docs/programmes.md, "Signing in"): OpenID
# Connect, offered only when ENGAGEMENT_OIDC_SERVER_URL is set. It signs in existing staff
# accounts (matched by email); it never creates one. Two-factor rules apply as for passwords.
SOCIALACCOUNT_ADAPTER = "engagement.adapters.IdentityProviderAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [{
    "provider_id": "authority",
    "name": os.environ.get("ENGAGEMENT_OIDC_NAME", "your work account"),
    "client_id": os.environ.get("ENGAGEMENT_OIDC_CLIENT_ID", ""),
    "secret": os.environ.get("ENGAGEMENT_OIDC_CLIENT_SECRET", ""),
    "settings": {"server_url": os.environ["ENGAGEMENT_OIDC_SERVER_URL"]},
}] if os.environ.get("ENGAGEMENT_OIDC_SERVER_URL") else []}}
LOGIN_REDIRECT_URL = "/staff/"
LOGIN_URL = "/accounts/login/"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg"), ("pl", "Polski"), ("ar", "العربية"), ("ur", "اردو")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "frontend.storage.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"]}}

# Content Security Policy (built into Django 6): no third-party origins, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Staff sessions reach special category data: signed out after 30 minutes idle (each request
# renews the 30 minutes) and, whatever happens, 10 hours after signing in (StaffSessionLifetime).
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = env_int("DJANGO_SESSION_LIFETIME_SECONDS", 10 * 60 * 60)
# Trust X-Forwarded-Proto only when a proxy in front overwrites it (otherwise any client could
# claim HTTPS): opt in with DJANGO_BEHIND_PROXY=true.
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Respondents' upload and body limits: nothing legitimate comes close.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "engagement.api_schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # People: their session (signed in with their second factor). Scripts: personal tokens.
        # No Basic auth: a password alone must never get past the second factor or the lockout.
        # Session first: refusals stay 403 (DRF answers 401 only for the first class's scheme).
        "rest_framework.authentication.SessionAuthentication",
        "engagement.tokens.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "engagement.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LCR Engagement API",
    "DESCRIPTION": "Surveys, responses, equality breakdowns and themes.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files: no third-party requests.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Background jobs: Celery on Redis when CELERY_BROKER_URL is set; otherwise tasks run
# in-process so the embedded default needs no broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How engagement.jobs runs long work: celery (with a broker), a background thread (embedded
# default, so pages stay usable) or inline (tests).
JOB_RUNNER = os.environ.get("ENGAGEMENT_JOB_RUNNER") or ("celery" if CELERY_BROKER_URL else "thread")
if JOB_RUNNER not in {"celery", "thread", "inline"}:
    raise ImproperlyConfigured("ENGAGEMENT_JOB_RUNNER must be celery, thread or inline")

# Email (staff survey invitations), Django 6.1 MAILERS: printed to the console locally,
# SMTP in production.
_SMTP = {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {
    "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"), "port": env_int("DJANGO_EMAIL_PORT", 587),
    "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
    "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True)}}
MAILERS = {"default": _SMTP if PRODUCTION or env_bool("DJANGO_EMAIL_SMTP", False)
           else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "surveys@localhost")
# Where the accessibility statement (docs/accessibility.md, /accessibility/) sends requests.
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ENGAGEMENT_ACCESSIBILITY_EMAIL", "engagement@example.org")

# Staff survey ballot box (surveys/waves/keys.py): the keys that seal staff answers until
# they are released in batches. On the application server, never with the database or its
# backups.
BALLOT_KEY_DIR = Path(os.environ.get("ENGAGEMENT_BALLOT_KEY_DIR", VAR_DIR / "ballot-keys"))

# Disclosure control (standards.md §3.1): the smallest group any result may describe.
MIN_GROUP_SIZE_DEFAULT = env_int("ENGAGEMENT_MIN_GROUP_SIZE", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Survey requests and invitation links are logged without tokens (engagement/request_logs.py).
    "filters": {"redact_survey_requests": {"()": "engagement.request_logs.RedactSurveyRequests"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"},
                 "server": {"class": "logging.StreamHandler", "formatter": "plain",
                            "filters": ["redact_survey_requests"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "engagement": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
