"""Run theme discovery on a question's answers (or inside one discovered theme, to split it)
and store what it finds for analysts to shape into a codebook.

Called by the "themes.discover" job. Discovery reads only the redacted cache, so no personal
detail can reach a label, a top term or an example.
"""

from django.db import transaction
from django.urls import reverse

from .answers import Progress, answers_for, answers_refresh, no_progress
from .discover import discover_themes
from .models import DiscoveredTheme, DiscoveryRun

SPLIT_THEMES = 3  # default parts when splitting one theme


def discovery_run(run: DiscoveryRun, progress: Progress = no_progress, parent: DiscoveredTheme | None = None,
                  parts: int | None = None) -> dict:
    """Discover themes in the run's question (all answers), or split ``parent`` into ``parts``."""
    answers_refresh(run.survey, run.question_code, lambda f, m: progress(0.3 * f, m))
    rows = answers_for(run.survey, run.question_code).values_list("pk", "text", "non_answer")
    # Members are filtered here, not in SQL: a big theme would pass SQLite's parameter limit.
    wanted_ids = set(parent.member_ids) if parent is not None else None
    ids, texts, skipped = [], [], 0
    for pk, text, non_answer in rows.iterator(chunk_size=5000):
        if wanted_ids is not None and pk not in wanted_ids:
            continue
        if non_answer:
            skipped += 1
            continue
        ids.append(pk)
        texts.append(text)
    progress(0.35, f"Looking for themes in {len(texts):,} answers")
    wanted = (parts or SPLIT_THEMES) if parent is not None else run.n_themes
    found = discover_themes(texts, ids=ids, n_themes=wanted)
    progress(0.9, f"Found {len(found.themes)} themes; saving")
    members: dict[int, list[int]] = {}
    for pk, number in zip(ids, found.assignments, strict=True):
        if number:
            members.setdefault(number, []).append(pk)
    with transaction.atomic():
        _store(run, found.themes, members, parent)
        if parent is None:
            DiscoveryRun.objects.filter(pk=run.pk).update(answers=len(texts) + skipped, non_answers=skipped)
    return {"run": run.pk, "themes": len(found.themes), "answers": len(texts),
            "url": reverse("analysis:themes:discovery", args=[run.pk])}


def _store(run, themes, members, parent) -> None:
    if parent is not None:
        parent.status = DiscoveredTheme.Status.SPLIT
        parent.save(update_fields=["status"])
    prefix = f"{parent.name}: " if parent is not None else ""
    DiscoveredTheme.objects.bulk_create([
        DiscoveredTheme(run=run, parent=parent, number=t.number, label=t.label[:300],
                        name=(prefix + t.label)[:120], top_terms=t.top_terms, size=t.size,
                        example_ids=list(t.example_ids), member_ids=members.get(t.number, []))
        for t in themes])
