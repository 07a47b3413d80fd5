"""Personal API tokens: how scripts reach the API now that passwords (Basic auth) cannot.

A token reads ``lcr_<prefix>_<secret>``. The prefix finds the row; only a SHA-256 of the secret
is stored (the secret is 256 random bits, so a slow hash would add nothing but CPU for guessers).
Failed attempts count against the client's address (as allauth sees it) in the shared cache, so
guessing is throttled across every worker, and a wrong token never costs a password hash.
"""

import datetime
import hashlib
import hmac
import re
import secrets

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS

from .audit import audit_record
from .models import ApiToken

TOKEN_PATTERN = re.compile(r"^lcr_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
LIFETIMES_DAYS = (7, 30, 90, 365)
FAILED_LIMIT, FAILED_WINDOW_SECONDS = 20, 60  # failed attempts per address per minute
LAST_USED_EVERY = datetime.timedelta(minutes=5)  # how stale last_used_at may be (saves a write per request)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user, name: str, programmes, can_write: bool, days: int) -> tuple[ApiToken, str]:
    """A new token and its secret text, which is shown once and never stored."""
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, secret_hash=_hash(secret),
                                    can_write=can_write, expires_at=timezone.now() + datetime.timedelta(days=days))
    token.programmes.set(programmes)
    audit_record(actor=user, action="api_token.create", target=prefix, name=name, can_write=can_write,
                 days=days, programmes=sorted(p.slug for p in programmes))
    return token, f"lcr_{prefix}_{secret}"


def token_revoke(*, token: ApiToken, actor) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", target=token.prefix, name=token.name)


def tokens_for(user):
    return ApiToken.objects.filter(user=user).prefetch_related("programmes")


def token_find(text: str) -> ApiToken | None:
    """The live token this text is, or None (malformed, unknown, wrong secret, expired, revoked)."""
    match = TOKEN_PATTERN.match(text)
    if match is None:
        return None
    prefix, secret = match.groups()
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if token.revoked_at is not None or token.expires_at <= timezone.now() or not token.user.is_active:
        return None
    return token


def programme_ids(token: ApiToken) -> set[int]:
    if not hasattr(token, "_programme_ids"):
        token._programme_ids = set(token.programmes.values_list("pk", flat=True))
    return token._programme_ids


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer lcr_...``: the token's owner, limited to the token's scope."""

    keyword = "Bearer"

    def authenticate(self, request):
        scheme, _, text = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != self.keyword.lower():
            return None
        failures = f"api-token-failed:{get_adapter().get_client_ip(request._request)}"
        if cache.get(failures, 0) >= FAILED_LIMIT:
            raise exceptions.Throttled(wait=FAILED_WINDOW_SECONDS,
                                       detail="Too many failed token attempts from this address; wait a minute.")
        token = token_find(text.strip())
        if token is None:
            if not cache.add(failures, 1, FAILED_WINDOW_SECONDS):
                try:
                    cache.incr(failures)
                except ValueError:  # expired between add and incr
                    cache.add(failures, 1, FAILED_WINDOW_SECONDS)
            raise exceptions.AuthenticationFailed("The token is not valid (it may have expired or been revoked).")
        if request.method not in SAFE_METHODS and not token.can_write:
            raise exceptions.PermissionDenied("This token is read-only.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        user = token.user
        user.api_token = token  # engagement.access narrows every role to the token's programmes
        return user, token

    def authenticate_header(self, request):
        return self.keyword
