"""Idempotency keys for API submissions, after the IETF ``Idempotency-Key`` header draft.

A key means something only within its client's scope: the API token (or signed-in person) that
sent it, or for anonymous clients the survey plus a *submission token* the server issued to that
client (``POST /api/v1/surveys/<slug>/submission-tokens/``). So a kiosk whose counter restarts with
a fresh submission token cannot collide with its old keys, and nobody can occupy a key before its
owner uses it. Each key is stored with a fingerprint of the request; the same key with a
different request is refused (422) and stores nothing. Keys are forgotten KEY_LIFETIME after use.

File imports keep their row ids in Response.submission_key (``import:<id>``, hashed); API keys live
in IdempotencyKey rows and never in that column, so no API client can reach the import namespace.
"""

import datetime
import hashlib
import json
import secrets

from django.core import signing
from django.utils import timezone

KEY_LIFETIME = datetime.timedelta(hours=24)
SUBMISSION_TOKEN_LIFETIME = datetime.timedelta(days=90)
_SALT = "surveys.submission-token"


class KeyReused(Exception):
    """The key was used before with a different request."""


class BadSubmissionToken(Exception):
    pass


def submission_token_issue(survey) -> str:
    """A token naming one anonymous client of one survey; stateless (signed), nothing stored."""
    return signing.dumps({"s": survey.pk, "n": secrets.token_urlsafe(16)}, salt=_SALT, compress=False)


def submission_token_scope(survey, token: str) -> str:
    """The key scope a submission token stands for; raises BadSubmissionToken if it is not ours."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=SUBMISSION_TOKEN_LIFETIME)
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise BadSubmissionToken(str(exc)) from exc
    if not isinstance(payload, dict) or payload.get("s") != survey.pk:
        raise BadSubmissionToken("The submission token is for another survey")
    return f"anonymous:{payload['n']}"


def scoped_key_hash(scope: str, key: str) -> str:
    return hashlib.sha256(f"api\x00{scope}\x00{key}".encode()).hexdigest()


def fingerprint(request_content: dict) -> str:
    """The same request gives the same fingerprint, whatever order its keys were sent in."""
    canonical = json.dumps(request_content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def expiry() -> datetime.datetime:
    # Rounded up to the hour: the row must not tell anyone when, to the second, a response arrived.
    end = timezone.now() + KEY_LIFETIME
    return end.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
