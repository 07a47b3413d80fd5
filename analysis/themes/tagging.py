"""Tag every answer to a codebook's question: fit (or reuse) a tagger, predict in batches,
write suggested tags, keep people's decisions, and pick answers worth coding next.

Called by the "themes.tag" job (``jobs``) and by the demo loader. People's decisions
(accepted, added, rejected tags) are never overwritten; only suggestions are replaced.
"""

import hashlib
import json
import random
import tempfile
import time
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from .answers import BATCH, Progress, answers_for, answers_refresh, no_progress
from .models import DECIDED, AnswerTag, Codebook, Coding, TaggerModel
from .quality import holdout_scores, review_agreement
from .review import coded_examples
from .tagger import ThemeTagger

SUGGEST_K = 50
SUGGEST_SAMPLE = 3000  # answers scored for "code next": bounded, so 100k answers stay quick
KEEP_BLOBS = 2  # fitted models kept in full; older versions keep only their metrics


def themes_of(codebook: Codebook) -> list[dict]:
    return [{"name": t.name, "description": t.description, "keywords": list(t.keywords)}
            for t in codebook.themes.all()]


def fingerprint(themes: list[dict], examples) -> str:
    """Same themes and same coded answers: the fitted model can be reused as it is."""
    payload = json.dumps([themes, [(text, labels) for _, text, labels in examples]], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def tagging_run(codebook: Codebook, progress: Progress = no_progress, job=None) -> dict:
    """Bring the cache up to date, fit or reuse the tagger, and tag every answer."""
    survey, code = codebook.survey, codebook.question_code
    answers_refresh(survey, code, lambda f, m: progress(0.2 * f, m))
    themes = themes_of(codebook)
    if not themes:
        raise ValueError("The codebook has no themes yet")
    rows = list(answers_for(survey, code).values_list("pk", "text", "non_answer"))
    examples = coded_examples(codebook)
    progress(0.2, f"Fitting on {len(examples):,} coded answers")
    started = time.perf_counter()
    tagger, model = _tagger(codebook, themes, examples, [t for _, t, skip in rows if not skip], job)
    fit_seconds = time.perf_counter() - started
    started = time.perf_counter()
    written = _write_tags(codebook, tagger, [(pk, text) for pk, text, skip in rows if not skip],
                          lambda f, m: progress(0.25 + 0.7 * f, m))
    model.next_to_code = _code_next(tagger, codebook, rows)
    model.metrics.update(_metrics(codebook, tagger, examples, rows, written),
                         tag_seconds=round(time.perf_counter() - started, 2))
    if "fit_seconds" not in model.metrics:
        model.metrics["fit_seconds"] = round(fit_seconds, 2)
    model.save()
    return {"codebook": codebook.pk, "model_version": model.version, "answers": len(rows),
            "tags": written, "url": reverse("analysis:themes:codebook", args=[codebook.pk])}


def _tagger(codebook, themes, examples, unlabelled, job) -> tuple[ThemeTagger, TaggerModel]:
    """The latest model if nothing it was fitted on has changed; otherwise a new version."""
    key = fingerprint(themes, examples)
    latest = codebook.models.first()
    if latest is not None and latest.fingerprint == key and latest.blob:
        try:
            return _load(bytes(latest.blob)), latest
        except ValueError:  # saved by an older tagger format: fit afresh below
            pass
    texts = [text for _, text, _ in examples]
    labels = [labels for _, _, labels in examples]
    tagger = ThemeTagger(themes).fit(texts, labels, unlabelled=unlabelled)
    if texts:
        # Coded answers are corrections too: identical answers get exactly the coded themes.
        tagger.correct(texts, labels, refit=False)
    version = (codebook.models.aggregate(v=Max("version"))["v"] or 0) + 1
    model = TaggerModel.objects.create(codebook=codebook, version=version, fingerprint=key,
                                       blob=_dump(tagger), job=job,
                                       metrics={"holdout": holdout_scores(themes, texts, labels, unlabelled)})
    TaggerModel.objects.filter(codebook=codebook, version__lte=version - KEEP_BLOBS).update(blob=b"")
    return tagger, model


def _dump(tagger: ThemeTagger) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tagger.joblib"
        tagger.save(path)
        return path.read_bytes()


def _load(blob: bytes) -> ThemeTagger:
    # Only blobs this module wrote are ever loaded (joblib is pickle).
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tagger.joblib"
        path.write_bytes(blob)
        return ThemeTagger.load(path)


def _write_tags(codebook, tagger: ThemeTagger, rows: list[tuple[int, str]], progress: Progress) -> int:
    """Replace suggestions batch by batch; coded answers and decided themes are left alone."""
    coded = set(Coding.objects.filter(codebook=codebook).values_list("answer_id", flat=True))
    written = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        result = tagger.predict([text for _, text in batch])
        column = {name: j for j, name in enumerate(result.theme_names)}
        # Read per batch: a theme deleted while the job runs is skipped, not an error.
        theme_ids = dict(codebook.themes.values_list("name", "pk"))
        tags = AnswerTag.objects.filter(theme__codebook=codebook, answer_id__gte=batch[0][0],
                                        answer_id__lte=batch[-1][0])
        with transaction.atomic():
            tags.filter(source=AnswerTag.Source.SUGGESTED).delete()
            decided = set(tags.filter(source__in=DECIDED).values_list("answer_id", "theme_id"))
            new = [AnswerTag(answer_id=pk, theme_id=theme_ids[name], source=AnswerTag.Source.SUGGESTED,
                             suggested=True, confidence=round(float(result.confidences[i, column[name]]), 4))
                   for i, (pk, _) in enumerate(batch) if pk not in coded
                   for name in result.themes[i] if name in theme_ids and (pk, theme_ids[name]) not in decided]
            AnswerTag.objects.bulk_create(new, batch_size=500)
        written += len(new)
        done = start + len(batch)
        progress(done / len(rows), f"Tagged {done:,} of {len(rows):,} answers")
    return written


def _code_next(tagger: ThemeTagger, codebook, rows) -> list[int]:
    """Uncoded answers the tagger is least sure about, varied, from a seeded sample."""
    coded = set(Coding.objects.filter(codebook=codebook).values_list("answer_id", flat=True))
    open_rows = [(pk, text) for pk, text, skip in rows if not skip and pk not in coded]
    if len(open_rows) > SUGGEST_SAMPLE:
        open_rows = sorted(random.Random(codebook.pk).sample(open_rows, SUGGEST_SAMPLE))
    if not open_rows:
        return []
    picked = tagger.suggest_next([text for _, text in open_rows], k=SUGGEST_K)
    return [open_rows[i][0] for i in picked]


def _metrics(codebook, tagger: ThemeTagger, examples, rows, written: int) -> dict:
    names = tagger.theme_names
    positives = {name: sum(name in labels for _, _, labels in examples) for name in names}
    return {
        "answers": len(rows), "non_answers": sum(skip for _, _, skip in rows), "coded": len(examples),
        "suggested_tags": written, "positives": positives,
        "thresholds": dict(zip(names, [round(float(t), 3) for t in tagger.thresholds], strict=True)),
        "error_counts": dict(zip(names, tagger.error_counts.tolist(), strict=True)),
        "review": review_agreement(codebook),
    }
