"""Server access logs that say nothing about who answered a survey.

Invitation links carry a personal token in their path, and a log line with a time, an
address or a browser beside a survey page could be lined up with other records. So for
survey pages (``/s/...``) and invitation links the logs keep only method, path (token
removed), status, size and time: no address, user, referrer, browser or other header.

- runserver: ``RedactSurveyRequests`` filters the ``django.server`` logger (settings.LOGGING).
- gunicorn: run it with ``--logger-class engagement.request_logs.GunicornLogger``.
"""

import logging
import re

from gunicorn.glogging import Logger

SURVEY_PATHS = re.compile(r"^/(s|staff/people/invite)/")
INVITATION_TOKEN = re.compile(r"(/staff/people/invite/)[^/?#\s\"]+")


def redact(text: str) -> str:
    return INVITATION_TOKEN.sub(r"\1-", text)


class RedactSurveyRequests(logging.Filter):
    """Removes invitation tokens from runserver's request lines (it logs no address)."""

    def filter(self, record):
        record.msg = redact(str(record.msg))
        record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args or ())
        return True


class GunicornLogger(Logger):
    """gunicorn's logger, with every per-person detail blanked on survey and invitation requests."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = environ.get("PATH_INFO") or ""
        if not SURVEY_PATHS.match(path):
            return atoms
        for name in atoms:
            if name.endswith(("}i", "}e", "}o")) or name in ("h", "u", "f", "a", "q"):
                atoms[name] = "-"
        atoms["U"] = redact(path)
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {redact(path)} {environ.get('SERVER_PROTOCOL')}"
        return atoms
