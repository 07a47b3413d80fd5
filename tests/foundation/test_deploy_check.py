"""Production configuration passes Django's deployment checks, and refuses unsafe setups."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def _manage(tmp_path, *args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environ.update(DJANGO_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "manage.py", *args], check=False, cwd=settings.BASE_DIR, env=environ,
                          capture_output=True, text=True, timeout=120)


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": "postgres://engagement:secret@db.example.org:5432/engagement",
    "DJANGO_ALLOWED_HOSTS": "example.org",
    "REDIS_URL": "redis://redis.example.org:6379/0",
}


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key_or_database(tmp_path):
    no_key = _manage(tmp_path, "check", **{**PRODUCTION, "DJANGO_SECRET_KEY": ""})
    assert no_key.returncode != 0 and "DJANGO_SECRET_KEY must be set in production" in no_key.stderr
    no_db = _manage(tmp_path, "check", **{**PRODUCTION, "DATABASE_URL": ""})
    assert no_db.returncode != 0 and "DATABASE_URL must be set in production" in no_db.stderr


def test_a_disclosure_threshold_below_the_standard_is_refused(tmp_path):
    # standards.md §3.1: no group under 10.
    result = _manage(tmp_path, "check", ENGAGEMENT_MIN_GROUP_SIZE="5")
    assert result.returncode != 0 and "engagement.E001" in result.stderr
