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


def test_production_refuses_a_weak_secret_key_and_debug(tmp_path):
    # Issue 21: both only warned before.
    weak = _manage(tmp_path, "check", **{**PRODUCTION, "DJANGO_SECRET_KEY": "django-insecure-" + "a" * 40})
    assert weak.returncode != 0 and "at least 50 random characters" in weak.stderr
    debug = _manage(tmp_path, "check", **{**PRODUCTION, "DJANGO_DEBUG": "true"})
    assert debug.returncode != 0 and "DJANGO_DEBUG must be off in production" in debug.stderr


def test_production_without_a_shared_cache_is_warned_about(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "engagement.W001" in result.stderr


def test_the_proxy_header_is_trusted_only_when_asked(tmp_path):
    assert not hasattr(settings, "SECURE_PROXY_SSL_HEADER") or settings.SECURE_PROXY_SSL_HEADER is None
    show = ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"]
    behind = _manage(tmp_path, *show, **PRODUCTION, DJANGO_BEHIND_PROXY="true").stdout.strip()
    assert behind == "('HTTP_X_FORWARDED_PROTO', 'https')"


SQLITE_PROBE = """
import threading, time
from django.db import connection, connections
with connection.cursor() as c:
    print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA secure_delete').fetchone()[0],
          connection.settings_dict['OPTIONS']['transaction_mode'])
    c.execute('CREATE TABLE t (x)')
def hold():
    from django.db import transaction
    with transaction.atomic():  # BEGIN IMMEDIATE: the write lock
        connections['default'].cursor().execute('INSERT INTO t VALUES (1)')
        time.sleep(3)
    connections['default'].close()
holder = threading.Thread(target=hold)
holder.start()
time.sleep(0.5)
from django.db import transaction
with transaction.atomic():
    connection.cursor().execute('INSERT INTO t VALUES (2)')  # waits for the lock instead of failing
holder.join()
print(connection.cursor().execute('SELECT count(*) FROM t').fetchone()[0])
"""


def test_every_sqlite_path_gets_wal_immediate_secure_delete_and_a_busy_timeout(tmp_path):
    # Issue 21: with DATABASE_URL=sqlite:///... the options were empty and a 10 s lock gave 500s.
    for env in ({}, {"DATABASE_URL": f"sqlite:///{tmp_path}/by-url.sqlite3"}):
        result = _manage(tmp_path, "shell", "--no-imports", "-c", SQLITE_PROBE, **env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["wal", "1", "IMMEDIATE", "2"], (env, result.stdout)
