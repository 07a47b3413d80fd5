"""The redacted answer cache: which questions are open text, and bringing ``TextAnswer`` up to
date with a survey's responses (redacted once, in batches, with progress).
"""

from collections.abc import Callable

from django.db.models.fields.json import KT

from surveys.definition import for_version
from surveys.models import Response, Survey
from surveys.question_types import SPECIAL_ANSWERS

from .models import TextAnswer
from .redact import redact
from .text import is_non_answer, needs_translation

TEXT_TYPES = ("text", "long_text")
BATCH = 2000
MEMO_SIZE = 50_000  # distinct answers remembered per refresh: bounds memory on huge surveys

Progress = Callable[[float, str], None]


def no_progress(fraction: float, message: str = "") -> None:
    """The progress callback used outside jobs."""


def text_questions(survey: Survey) -> list[dict]:
    """Open-text questions of the survey's current version, in survey order."""
    if survey.current_version_id is None:
        return []
    return [q for q in for_version(survey.current_version_id).questions if q["type"] in TEXT_TYPES]


def text_question(survey: Survey, code: str) -> dict | None:
    return next((q for q in text_questions(survey) if q["code"] == code), None)


def _prepared(value) -> tuple[str, bool, bool]:
    """(redacted text, non-answer, needs translation) of one stored value."""
    special = not isinstance(value, str) or value in SPECIAL_ANSWERS
    text = "" if special else redact(value)
    skip = special or is_non_answer(text)
    return text, skip, not skip and needs_translation(text)


def answer_from(response_id, survey_id: int, code: str, value, language: str,
                memo: dict | None = None) -> TextAnswer:
    """The cached, redacted form of one stored answer (special answers are non-answers).

    ``memo`` remembers repeated answers ("n/a", "more buses") within one refresh."""
    prepared = memo.get(value) if memo is not None else None
    if prepared is None:
        prepared = _prepared(value)
        if memo is not None and len(memo) < MEMO_SIZE:
            memo[value] = prepared
    text, skip, foreign = prepared
    return TextAnswer(response_id=response_id, survey_id=survey_id, question_code=code, text=text,
                      language=language, non_answer=skip, needs_translation=foreign)


def answers_refresh(survey: Survey, code: str, progress: Progress = no_progress) -> int:
    """Redact and store the answers to ``code`` not cached yet; returns how many were added.

    Responses never change after submission, so a cached answer never goes stale. Reading
    only the one JSON key keeps memory flat on big surveys.
    """
    cached = TextAnswer.objects.filter(survey=survey, question_code=code)
    pending = (Response.objects.filter(survey=survey, answers__has_key=code)
               .exclude(pk__in=cached.values("response_id"))
               .annotate(value=KT(f"answers__{code}")).values_list("pk", "value", "language"))
    total = pending.count()
    added, batch, memo = 0, [], {}
    for response_id, value, language in pending.iterator(chunk_size=BATCH):
        batch.append(answer_from(response_id, survey.pk, code, value, language, memo))
        if len(batch) == BATCH:
            added += _store(batch)
            progress(added / total, f"Redacted {added:,} of {total:,} new answers")
            batch = []
    return added + _store(batch)


def _store(batch: list[TextAnswer]) -> int:
    # Two jobs may refresh the same question at once: the unique constraint settles it.
    TextAnswer.objects.bulk_create(batch, batch_size=500, ignore_conflicts=True)
    return len(batch)


def answers_for(survey: Survey, code: str):
    """The cached answers to one question, in a stable order."""
    return TextAnswer.objects.filter(survey=survey, question_code=code).order_by("id")
