"""How good are the tags? Two measures shown beside every fitted model.

- ``holdout_scores``: fit on 80% of the coded answers, tag the other 20%, micro and macro F1
  (seeded split; only when there are enough coded answers for the figure to mean anything).
- ``review_agreement``: of the suggestions people have reviewed, the share they accepted
  (precision in use), and the share of people's themes the tagger had suggested (recall).
"""

import random

import numpy as np
from django.db.models import Count, Q

from .models import AnswerTag
from .tagger import ThemeTagger

MIN_CODED_FOR_HOLDOUT = 40
HOLDOUT_SHARE = 0.2
UNLABELLED_FOR_HOLDOUT = 5000  # enough vocabulary; keeps the extra fit to a few seconds


def f1_scores(truth: list[set], predicted: list[set], names: list[str]) -> dict:
    """Micro F1 over every (answer, theme) decision; macro F1 over themes present in truth."""
    tp = np.array([sum(n in t and n in p for t, p in zip(truth, predicted, strict=True)) for n in names])
    fp = np.array([sum(n not in t and n in p for t, p in zip(truth, predicted, strict=True)) for n in names])
    fn = np.array([sum(n in t and n not in p for t, p in zip(truth, predicted, strict=True)) for n in names])
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    present = (tp + fn) > 0
    per_theme = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    macro = float(per_theme[present].mean()) if present.any() else None
    return {"micro_f1": round(float(micro), 3), "macro_f1": None if macro is None else round(macro, 3)}


def holdout_scores(themes: list[dict], texts: list[str], labels: list[list[str]], unlabelled) -> dict | None:
    if len(texts) < MIN_CODED_FOR_HOLDOUT:
        return None
    order = list(range(len(texts)))
    random.Random(0).shuffle(order)
    cut = int(len(order) * HOLDOUT_SHARE)
    test, train = order[:cut], order[cut:]
    sample = random.Random(0).sample(unlabelled, min(len(unlabelled), UNLABELLED_FOR_HOLDOUT))
    tagger = ThemeTagger(themes).fit([texts[i] for i in train], [labels[i] for i in train], unlabelled=sample)
    predicted = tagger.predict([texts[i] for i in test]).themes
    scores = f1_scores([set(labels[i]) for i in test], [set(p) for p in predicted], tagger.theme_names)
    return {**scores, "trained_on": len(train), "tested_on": len(test)}


def review_agreement(codebook) -> dict:
    """Counts of reviewed suggestions and the two shares (None until there is something)."""
    tags = AnswerTag.objects.filter(theme__codebook=codebook)
    counts = tags.aggregate(
        accepted=Count("pk", filter=Q(suggested=True, source=AnswerTag.Source.ACCEPTED)),
        rejected=Count("pk", filter=Q(suggested=True, source=AnswerTag.Source.REJECTED)),
        added=Count("pk", filter=Q(suggested=False, source=AnswerTag.Source.HUMAN)))
    reviewed = counts["accepted"] + counts["rejected"]
    wanted = counts["accepted"] + counts["added"]
    return {**counts,
            "accepted_share": round(counts["accepted"] / reviewed, 3) if reviewed else None,
            "found_share": round(counts["accepted"] / wanted, 3) if wanted else None}
