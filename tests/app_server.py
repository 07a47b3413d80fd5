"""The application served by gunicorn in its own processes on a fresh database, for tests that
play clients from outside (faults under load, residents under load)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.postgres_server import PG_SERVER, fresh_database

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def suite_database_kind() -> str:
    """The kind of database this suite run is on: each CI run covers its own."""
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def app_environment(kind: str, tmp_path: Path, pg_name: str) -> dict:
    """Environment for a production-like process on a fresh SQLite file or PostgreSQL database,
    migrated."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    else:
        fresh_database(pg_name).close()
        url = f"{PG_SERVER}/{pg_name}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_VAR_DIR": str(tmp_path / "var"),
           "DJANGO_DEBUG": "false", "ENGAGEMENT_JOB_RUNNER": "inline"}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def manage_shell(env: dict, code: str) -> str:
    """Run ``code`` in ``manage.py shell`` with ``env``; its standard output."""
    return subprocess.run([PYTHON, "manage.py", "shell", "-v0", "-c", code], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True).stdout


@contextlib.contextmanager
def gunicorn(env: dict, app: str = "engagement.wsgi", workers: int = 2, ready_path: str = "/api/schema/"):
    """Serve ``app`` on a free port until the block ends; yields (base URL, the master process)."""
    port = free_port()
    log_dir = Path(env["DJANGO_VAR_DIR"])
    log_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / "gunicorn.log", "ab") as log:  # read it when a test fails
        server = subprocess.Popen([GUNICORN, app, "-w", str(workers), "--no-control-socket", "-b",
                                   f"127.0.0.1:{port}", "--timeout", "30", "--graceful-timeout", "5"],
                                  cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + ready_path, timeout=2)
                break
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
