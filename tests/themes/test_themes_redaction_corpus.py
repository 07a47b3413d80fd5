"""Redaction against the project's generated corpus: every planted detail, on the split the
rules were tuned on and on the held-out split written with other templates and names."""

import pytest

from analysis.themes.redact import find_personal_details
from tests.themes.redaction_corpus import detail_count, generate

KINDS = {"staff_number", "extension", "address", "phone", "email", "postcode", "ni_number",
         "vehicle_reg", "name"}  # fmt: skip


def _covered(text: str, start: int, end: int, spans) -> bool:
    """Every letter and digit of the planted detail lies inside some redacted span."""
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, end) if text[i].isalnum())


@pytest.fixture(scope="module", params=["tuning", "held_out"])
def corpus(request):
    return generate(request.param)


def test_the_corpus_is_big_enough_and_covers_every_kind(corpus):
    planted, ordinary = corpus
    assert detail_count(planted) >= 300
    assert len(ordinary) >= 1000
    assert {kind for p in planted for _, _, kind in p.details} == KINDS


def test_recall_on_planted_details_is_at_least_99_percent(corpus):
    planted, _ = corpus
    missed = [(p.text, p.text[s:e]) for p in planted for s, e, _ in p.details
              if not _covered(p.text, s, e, find_personal_details(p.text))]
    assert 1 - len(missed) / detail_count(planted) >= 0.99, missed[:10]


def test_ordinary_local_answers_are_left_alone(corpus):
    _, ordinary = corpus
    redacted = [t for t in ordinary if find_personal_details(t)]
    assert len(redacted) / len(ordinary) <= 0.005, sorted(set(redacted))[:10]
