"""Capturing responses. The web journey, the API and file imports all call these.

A respondent's answers are saved page by page in a ResponseDraft; submitting turns the
draft into a Response in one transaction. Every submission carries a key, and the database
allows one response per key per survey, so a double tap or a retried request stores one
response, never two.
"""

import datetime
import hashlib
import secrets
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import idempotency
from .characteristics import derive_profile, minimise
from .definition import for_version
from .models import Channel, IdempotencyKey, Response, ResponseDraft, Source, Survey
from .question_types import AnswerErrors, kind_for
from .waves.sealing import SealBroken, new_key, seal, unseal

RESUME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
RESUME_CODE_LIFETIME = datetime.timedelta(days=30)


class SurveyClosed(Exception):
    pass


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def channel_for_code(code: str | None) -> Channel | None:
    """The active channel with this code; unknown codes are ignored, never an error."""
    if not code or len(code) > 60:
        return None
    return Channel.objects.filter(code=code.strip().lower(), active=True).first()


def response_start(*, survey: Survey, channel_code: str | None = None, language: str = "en",
                   sealed: bool = False) -> ResponseDraft:
    """A new draft. A ``sealed`` draft (staff surveys) keeps its answers and language encrypted
    with a new key that only the browser will hold (``draft.browser_key``), and no channel:
    a channel code given to one person would follow their answers."""
    if not survey.is_open:
        raise SurveyClosed(survey.slug)
    if not sealed:
        return ResponseDraft.objects.create(survey=survey, version_id=survey.current_version_id,
                                            channel=channel_for_code(channel_code), language=language)
    draft = ResponseDraft(survey=survey, version_id=survey.current_version_id)
    draft.browser_key, draft.language = new_key(), language
    draft.sealed = _draft_seal(draft)
    draft.save(force_insert=True)
    return draft


def _draft_seal(draft: ResponseDraft) -> bytes:
    return seal(draft.browser_key, {"answers": draft.answers, "language": draft.language},
                context=f"draft:{draft.pk}")


def draft_open(draft: ResponseDraft, browser_key: bytes | None) -> bool:
    """Decrypt a sealed draft's answers and language into ``draft``; False if ``browser_key``
    does not open it (a different browser, or a changed cookie)."""
    try:
        payload = unseal(browser_key or b"", draft.sealed, context=f"draft:{draft.pk}")
    except (SealBroken, TypeError):
        return False
    draft.browser_key, draft.answers, draft.language = browser_key, payload["answers"], payload["language"]
    return True


def response_save_page(*, draft: ResponseDraft, page: dict, raw: dict) -> dict:
    """Validate one page and save its answers; raises AnswerErrors and saves nothing if invalid."""
    definition = for_version(draft.version_id)
    cleaned = definition.clean_page(page, raw, draft.answers)
    codes_on_page = {code for q in page["questions"] for code in kind_for(q).value_codes(q)}
    answers = {k: v for k, v in draft.answers.items() if k not in codes_on_page}
    answers.update(cleaned)
    draft.answers = definition.prune(answers)
    draft_save_answers(draft)
    return cleaned


def draft_save_answers(draft: ResponseDraft) -> None:
    """Store ``draft.answers``: as they are, or for a sealed draft only encrypted."""
    if draft.sealed is None:
        draft.save(update_fields=["answers", "updated_at"])
    else:
        draft.sealed = _draft_seal(draft)
        draft.save(update_fields=["sealed", "updated_at"])


def draft_issue_resume_code(*, draft: ResponseDraft) -> str:
    """A fresh one-time code to resume this draft on any device. Only its hash is stored. Not for a
    sealed draft: a short code would be a guessable key to its answers."""
    if draft.sealed is not None:
        raise ValueError("A sealed draft resumes only in the browser that holds its key")
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(10))
    draft.resume_code_hash = hash_code(code)
    draft.resume_code_expires_at = timezone.now() + RESUME_CODE_LIFETIME
    draft.save(update_fields=["resume_code_hash", "resume_code_expires_at", "updated_at"])
    return f"{code[:5]}-{code[5:]}"


def draft_resume(*, survey: Survey, code: str) -> ResponseDraft | None:
    """The draft this code resumes, once: the code is spent (so one read from an access log, a
    shared screen or a forwarded link opens nothing later) and expires after RESUME_CODE_LIFETIME."""
    if not code or len(code) > 40:
        return None
    with transaction.atomic():
        draft = ResponseDraft.objects.select_for_update().filter(
            survey=survey, resume_code_hash=hash_code(code), resume_code_expires_at__gt=timezone.now()).first()
        if draft is not None:
            draft.resume_code_hash, draft.resume_code_expires_at = "", None
            draft.save(update_fields=["resume_code_hash", "resume_code_expires_at", "updated_at"])
    return draft


def response_submit(*, draft: ResponseDraft) -> Response:
    """Turn a draft into a response. Safe to call twice: the draft's id is the submission key."""
    definition = for_version(draft.version_id)
    answers = definition.clean_complete(definition.prune(draft.answers))
    response, _ = _store(survey_id=draft.survey_id, version_id=draft.version_id, channel_id=draft.channel_id,
                         language=draft.language, key=draft.id.hex, answers=answers, source=Source.WEB,
                         definition=definition, delete_draft=draft)
    return response


def response_create(*, survey: Survey, answers: dict, idempotency_key: str, client_scope: str = "service",
                    fingerprint: str | None = None, channel_code: str | None = None, language: str = "en",
                    source: str = Source.API) -> tuple[Response, bool]:
    """Store a complete response given at once. Returns (response, created).

    ``idempotency_key`` is unique within ``client_scope`` (see surveys/idempotency.py); a repeat
    with the same ``fingerprint`` returns the first response, a different one raises KeyReused.
    Raises AnswerErrors with field-level messages if the answers do not fit the survey.
    """
    if not survey.is_open:
        raise SurveyClosed(survey.slug)
    definition = for_version(survey.current_version_id)
    key_hash = idempotency.scoped_key_hash(client_scope, idempotency_key)
    if fingerprint is None:
        fingerprint = idempotency.fingerprint({"answers": answers, "channel": channel_code, "language": language})
    if (replay := _replay(survey, key_hash, fingerprint)) is not None:
        return replay, False
    cleaned = minimise(definition, definition.clean_complete(answers))
    channel = channel_for_code(channel_code)
    # The version object the caller loaded (the API defers its definition), so that reading
    # response.version afterwards costs no query and no second parse of the definition.
    response = Response(id=uuid.uuid4(), survey=survey, version=survey.current_version, channel=channel,
                        submission_key=uuid.uuid4().hex, submitted_on=timezone.localdate(), language=language,
                        source=source, answers=cleaned, profile=derive_profile(definition, cleaned))
    try:
        with transaction.atomic():  # one write transaction: expired keys go with the insert
            IdempotencyKey.objects.filter(expires_at__lte=timezone.now()).delete()
            response.save(force_insert=True)
            IdempotencyKey.objects.create(survey=survey, key_hash=key_hash, fingerprint=fingerprint,
                                          response=response, expires_at=idempotency.expiry())
    except IntegrityError:
        # The same key arrived at the same moment from a retry: answer as a replay.
        if (replay := _replay(survey, key_hash, fingerprint)) is None:
            raise
        return replay, False
    return response, True


def _replay(survey, key_hash: str, fingerprint: str) -> Response | None:
    used = (IdempotencyKey.objects.select_related("response__version").defer("response__version__definition")
            .filter(survey=survey, key_hash=key_hash, expires_at__gt=timezone.now()).first())
    if used is None:
        return None
    if used.fingerprint != fingerprint:
        raise idempotency.KeyReused(key_hash)
    return used.response


def idempotency_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _store(*, survey_id, version_id, channel_id, language, key, answers, source, definition,
           delete_draft: ResponseDraft | None = None) -> tuple[Response, bool]:
    response = response_build(definition=definition, answers=minimise(definition, answers), survey_id=survey_id,
                              version_id=version_id, channel_id=channel_id, submission_key=key,
                              language=language, source=source)
    try:
        with transaction.atomic():
            response.save(force_insert=True)
            if delete_draft is not None:
                ResponseDraft.objects.filter(pk=delete_draft.pk).delete()
    except IntegrityError:
        # The same submission arrived before (double tap, retry): return what was stored.
        existing = Response.objects.filter(survey_id=survey_id, submission_key=key).first()
        if existing is None:
            raise
        if delete_draft is not None:
            ResponseDraft.objects.filter(pk=delete_draft.pk).delete()
        return existing, False
    return response, True


def response_build(*, definition, answers: dict, **fields) -> Response:
    """An unsaved response dated today, holding already minimised ``answers`` and the profile
    they give."""
    return Response(id=uuid.uuid4(), submitted_on=timezone.localdate(), answers=answers,
                    profile=derive_profile(definition, answers), **fields)


class RowErrors(Exception):
    """Problems with rows of a batch, as (row number, message) pairs; nothing was stored."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__("; ".join(f"row {row}: {message}" for row, message in problems[:20]))
        self.problems = problems


def responses_bulk_create(*, survey: Survey, rows, source: str = Source.IMPORT, first_row: int = 1,
                          batch_size: int = 2000) -> int:
    """Validate every row, then store them all in one transaction, or none.

    Each row is a dict with ``answers`` and optionally ``channel`` (a code), ``language``,
    ``submitted_on`` (a date), ``key`` (an idempotency key; a key already stored is skipped) and
    ``row`` (the number to report it by, e.g. its spreadsheet row; otherwise counted from
    ``first_row``). Raises RowErrors naming each bad row. Returns how many responses were stored.
    """
    definition = for_version(survey.current_version_id)
    channels = dict(Channel.objects.values_list("code", "pk"))
    today = timezone.localdate()
    built, problems = [], []
    for number, row in enumerate(rows, start=first_row):
        number = row.get("row", number)
        try:
            answers = minimise(definition, definition.clean_complete(row["answers"]))
        except AnswerErrors as exc:
            problems.append((number, "; ".join(f"{code}: {msg}" for code, msg in exc.errors.items())))
            continue
        channel = row.get("channel") or None
        if channel and channel not in channels:
            problems.append((number, f"channel: no channel has the code '{channel}'"))
            continue
        built.append(Response(
            survey_id=survey.pk, version_id=survey.current_version_id, channel_id=channels.get(channel),
            submission_key=idempotency_key_hash(row.get("key") or uuid.uuid4().hex),
            submitted_on=row.get("submitted_on") or today, language=row.get("language") or "en",
            source=source, answers=answers, profile=derive_profile(definition, answers)))
    if problems:
        raise RowErrors(problems)
    keys = [r.submission_key for r in built]
    existing = set()
    for start in range(0, len(keys), 5000):  # SQLite caps the number of query parameters
        existing.update(Response.objects.filter(survey=survey, submission_key__in=keys[start:start + 5000])
                        .values_list("submission_key", flat=True))
    fresh = list({r.submission_key: r for r in built if r.submission_key not in existing}.values())
    with transaction.atomic():
        Response.objects.bulk_create(fresh, batch_size=batch_size)
    return len(fresh)
