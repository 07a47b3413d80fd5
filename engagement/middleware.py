"""What every request passes through first: malformed input refused, database faults ridden out,
staff sessions kept short.

Malformed input is refused at the door, before any of it reaches a session, a form or the database.

PostgreSQL text cannot hold NUL, and Django quietly replaces invalid UTF-8 with U+FFFD, so a NUL or
an invalid byte in a header, the path, the query string or a form/JSON body gets a 400 here. API
paths answer in the API's one error shape (``{"detail", "errors"}``); pages get the 400 page.
"""

import json
import logging
import time
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, close_old_connections
from django.http import JsonResponse
from django.template.response import TemplateResponse

NUL_MESSAGE = "Remove the null character (U+0000): it is not allowed."
logger = logging.getLogger(__name__)

UTF8_MESSAGE = "Send text as UTF-8: this is not valid UTF-8."
TOO_BIG_MESSAGE = "The request body is too large."


def _bad_bytes(raw: bytes) -> str | None:
    """Why these bytes cannot be text we store (or None if they can)."""
    if b"\x00" in raw:
        return NUL_MESSAGE
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return UTF8_MESSAGE
    return None


def _latin1(text: str) -> bytes:
    # WSGI (PEP 3333) and ASGI hand over headers as bytes decoded as latin-1.
    return text.encode("latin-1", errors="replace")


def _form_problem(raw: bytes) -> tuple[str, str] | None:
    for pair in raw.split(b"&"):
        name, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"=")[::2])
        if problem := _bad_bytes(name) or _bad_bytes(value):
            return name.decode("utf-8", "replace").replace("\x00", "") or "body", problem
    return None


def _json_nul(value, path=()):
    """The path (keys) to the first string or key holding NUL in a parsed JSON document."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        if "\x00" in key:
            return (*path, key.replace("\x00", ""))
        if (found := _json_nul(item, (*path, key))) is not None:
            return found
    return None


def _nested(path: tuple, message: str) -> dict:
    errors: list | dict = [message]
    for key in reversed(path or ("body",)):
        errors = {key: errors}
    return errors


class RejectMalformedInput:
    """NUL or invalid UTF-8 anywhere in the request: 400 before anything else looks at it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = self._problem(request)
        if problem is None:
            return self.get_response(request)
        field, message = problem
        status = 413 if message == TOO_BIG_MESSAGE else 400
        if request.path_info.startswith("/api/"):
            errors = field if isinstance(field, dict) else {field: [message]}
            return JsonResponse({"detail": "The request has errors; see 'errors'.", "errors": errors}, status=status)
        return TemplateResponse(request, "400.html", {"problem": message}, status=status).render()

    def _problem(self, request):
        # Django re-escapes invalid UTF-8 in the path as %XX; unescaping finds it again.
        if problem := _bad_bytes(unquote_to_bytes(request.path_info)):
            return "path", problem
        if problem := _bad_bytes(unquote_to_bytes(request.META.get("QUERY_STRING", "").replace("+", " "))):
            return "query", problem
        for key, value in request.META.items():
            if (key.startswith("HTTP_") or key == "CONTENT_TYPE") and isinstance(value, str) and \
                    (problem := _bad_bytes(_latin1(value))):
                return key.removeprefix("HTTP_").replace("_", "-").title(), problem
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        return self._body_problem(request)

    def _body_problem(self, request):
        content_type = request.content_type or ""
        try:
            if content_type == "application/x-www-form-urlencoded":
                return _form_problem(request.body)
            if content_type == "application/json" or content_type.endswith("+json"):
                return self._json_problem(request.body)
            if content_type == "multipart/form-data":
                return self._multipart_problem(request)
        except RequestDataTooBig:
            return "body", TOO_BIG_MESSAGE
        return None

    @staticmethod
    def _json_problem(raw: bytes):
        if problem := _bad_bytes(raw):
            return "body", problem
        try:
            document = json.loads(raw)
        except ValueError:
            return None  # the API answers with its own parse error
        path = _json_nul(document)
        return None if path is None else (_nested(path, NUL_MESSAGE), NUL_MESSAGE)

    @staticmethod
    def _multipart_problem(request):
        # Files are binary and checked by whoever reads them; names and the other fields are text.
        for name, values in request.POST.lists():
            for value in (name, *values):
                if "\x00" in value:
                    return name.replace("\x00", ""), NUL_MESSAGE
        for name, upload in request.FILES.items():
            if "\x00" in (upload.name or ""):
                return name, NUL_MESSAGE
        return None


class RideOutDatabaseFaults:
    """A request whose database connection died (or stayed locked) is retried once when repeating it is
    safe; otherwise, or if the retry fails too, the client is told to try again (503 + Retry-After).

    Safe to repeat: reads, API writes carrying an Idempotency-Key (stored once per key), and the
    respondent journey (a page save overwrites the same answers; submission is keyed by the draft).
    """

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_database_fault", None) is not None and self._safe_to_repeat(request):
            logger.warning("Retrying %s %s after a database fault: %s", request.method,
                           request.path_info, request._database_fault)
            request._database_fault = None
            close_old_connections()
            response = self.get_response(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        request._database_fault = exception
        close_old_connections()  # a broken connection is dropped, so the retry (or the next request) gets a new one
        logger.warning("Database fault on %s %s: %s", request.method, request.path_info, exception)
        return self._unavailable(request)

    @staticmethod
    def _safe_to_repeat(request) -> bool:
        return not getattr(request, "_database_retried", False) and (
            request.method in ("GET", "HEAD", "OPTIONS") or "Idempotency-Key" in request.headers
            or request.path_info.startswith("/s/")) and _mark_retried(request)

    def _unavailable(self, request):
        headers = {"Retry-After": str(self.RETRY_AFTER_SECONDS)}
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "The service is briefly unavailable; try again in a few seconds."},
                                status=503, headers=headers)
        response = TemplateResponse(request, "503.html", {"journey": request.path_info.startswith("/s/")},
                                    status=503, headers=headers)
        return response.render()


def _mark_retried(request) -> bool:
    request._database_retried = True
    return True


class StaffSessionLifetime:
    """Sign staff out once their session is SESSION_ABSOLUTE_LIFETIME old, however active they are.

    The idle timeout is the session cookie's age, renewed on every request (SESSION_SAVE_EVERY_REQUEST).
    """

    KEY = "engagement_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(self.KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
        return self.get_response(request)
