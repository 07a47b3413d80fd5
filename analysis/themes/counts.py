"""Theme counts by characteristic, and representative quotes, through the one disclosure gate.

A group's base is the people in it who gave a real answer (non-answers left out). Every
group passes ``analysis.disclosure.gate`` on that base, seeded with the scope's protected
table (``analysis.protected``: the groups every breakdown by the characteristic hides),
before any theme count is computed for it, exactly as a breakdown's groups do (standards
§3.1, §3.2, complementary suppression included). Quotes, always redacted, come only from groups the gate shows that also have at
least ``min_group_size`` answers: "for small groups, show theme counts rather than
verbatims" (standards §3.2).
"""

from dataclasses import asdict, dataclass, field

from django.db.models import Case, Count, F, IntegerField, Value, When
from django.db.models.fields.json import KeyTextTransform

from engagement import access
from engagement.models import Role
from surveys.definition import for_version

from .. import protected
from ..cube import settle
from ..disclosure import ALL, DISTRIBUTION_FACTOR, NOT_ANSWERED, NOT_VALID, Dim, shows_distribution
from ..filters import FilterError
from ..questions import characteristic_label, declared_characteristics, group_order
from .models import APPLIES, AnswerTag, Codebook, TextAnswer

CHANNEL = "channel"
EVERYONE = "everyone"  # the one group when counts are not broken down
QUOTES_PER_GROUP = 2
QUOTES_OVERALL = 3
QUOTE_SCAN = 3000  # tags read per theme while looking for quotes: bounded on big surveys
MIN_QUOTE_CHARS = 15


class ThemeCountError(FilterError):
    """Bad input, as {field: message} (the API answers 400)."""


@dataclass
class ThemeCounts:
    survey: str
    question: str
    codebook: str
    by: str  # "" for everyone only
    by_label: str
    min_group_size: int
    themes: list[str]
    rows: list[dict]  # {group, label, kind, suppressed, n, counts: [..], pcts: [..]}
    total: dict
    quotes: list[dict] = field(default_factory=list)  # {theme, group, label, text}
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def table_rows(self) -> list[dict]:
        """Groups then everyone, each with its (count, %) pair per theme, for templates."""
        return [{**row, "cells": list(zip(row["counts"], row["pcts"], strict=True))}
                for row in [*self.rows, self.total]]

    def to_records(self) -> list[dict]:
        """Flat rows for CSV/XLSX: suppressed groups have every figure blank."""
        records = []
        for row in [*self.rows, self.total]:
            record = {"group": row["group"], "label": row["label"], "kind": row["kind"],
                      "suppressed": row["suppressed"], "answers": row["n"]}
            for name, count, pct in zip(self.themes, row["counts"], row["pcts"], strict=True):
                record[f"{name}: count"], record[f"{name}: %"] = count, pct
            records.append(record)
        return records


def characteristics_for(codebook: Codebook) -> list[tuple[str, str]]:
    """(code, label) of the characteristics theme counts can be broken down by."""
    definition = for_version(codebook.survey.current_version_id)
    return [(c, characteristic_label(c)) for c in [*declared_characteristics(definition), CHANNEL]]


def theme_counts(codebook: Codebook, *, by: str = "", user=None, quotes: bool = True) -> ThemeCounts:
    """Counts per theme for each group of ``by`` (and everyone), gated; raises ThemeCountError."""
    survey = codebook.survey
    if user is not None:
        access.require_role(user, Role.ANALYST, survey.programme)
    if by and by not in dict(characteristics_for(codebook)):
        raise ThemeCountError({"by": f"‘{by}’ is not a characteristic this survey records"})
    themes = list(codebook.themes.values_list("pk", "name"))
    bases, tagged = _counts(codebook, by)
    k = survey.min_group_size
    seed = protected.respondents(survey, [by]).suppressed if by else ()
    gated = settle({(g,): (n, n) for g, n in bases.items()}, [Dim(by or EVERYONE)], k, seed=seed)
    labels = group_order(for_version(survey.current_version_id), by) if by else {}
    rows = [_row(g, labels.get(g, g), gated.shows((g,)), bases[g], [tagged.get((g, pk), 0) for pk, _ in themes], k)
            for g in sorted(bases, key=lambda g: _rank(labels, g))] if by else []
    everyone = [sum(c for (_, pk2), c in tagged.items() if pk2 == pk) for pk, _ in themes]
    total = _row(ALL, "Everyone", gated.shows((ALL,)), sum(bases.values()), everyone, k)
    result = ThemeCounts(survey=survey.slug, question=codebook.question_code, codebook=codebook.name,
                         by=by, by_label=characteristic_label(by) if by else "", min_group_size=k,
                         themes=[name for _, name in themes], rows=rows, total=total)
    if quotes:
        result.quotes = _quotes(codebook, by, [*rows, total], themes, k)
    if any(r["suppressed"] for r in rows):
        result.notes.append(f"Groups with fewer than {k} answers, and any group whose counts could be "
                            "worked out from the others, are suppressed.")
    if any(not r["suppressed"] and r["n"] and not shows_distribution(r["n"], k) for r in [*rows, total]):
        result.notes.append(f"Groups with fewer than {DISTRIBUTION_FACTOR * k} answers show how many answered but "
                            "not the count per theme: in a small group a zero would say what nobody mentioned.")
    return result


def _group_expression(by: str, prefix: str):
    if by == CHANNEL:
        return F(f"{prefix}response__channel__code")
    return KeyTextTransform(by, f"{prefix}response__profile")


def _counts(codebook, by: str):
    """({group: answers}, {(group, theme id): tagged answers}); everyone is one group if no ``by``."""
    answers = TextAnswer.objects.filter(survey=codebook.survey, question_code=codebook.question_code,
                                        non_answer=False)
    tags = AnswerTag.objects.filter(theme__codebook=codebook, source__in=APPLIES, answer__non_answer=False)
    if not by:
        n = answers.count()
        return ({EVERYONE: n} if n else {}), {
            (EVERYONE, t): c for t, c in tags.values_list("theme").annotate(c=Count("pk")).values_list("theme", "c")}
    bases = {_group(g): n for g, n in answers.annotate(g=_group_expression(by, ""))
             .values_list("g").annotate(n=Count("pk")).values_list("g", "n")}
    tagged = {}
    for g, theme, c in (tags.annotate(g=_group_expression(by, "answer__")).values_list("g", "theme")
                        .annotate(c=Count("pk")).values_list("g", "theme", "c")):
        tagged[(_group(g), theme)] = tagged.get((_group(g), theme), 0) + c
    return bases, tagged


def _group(value) -> str:
    return NOT_ANSWERED if value in (None, "") else str(value)


def _rank(labels: dict, group: str):
    order = list(labels)
    return (order.index(group) if group in order else len(order), group)


def _row(group, label, shown: bool, n: int, counts: list[int], k: int) -> dict:
    """A group's row; a suppressed group carries no figure at all, a group under 2k answers
    its size only (``disclosure.shows_distribution``)."""
    kind = "total" if group == ALL else group if group in NOT_VALID else "group"
    row = {"group": "all" if group == ALL else group, "label": label, "kind": kind, "suppressed": not shown,
           "n": None, "counts": [None] * len(counts), "pcts": [None] * len(counts)}
    if shown:
        row["n"] = n
    if shown and shows_distribution(n, k):
        row.update(counts=counts, pcts=[round(100 * c / n, 1) if n else None for c in counts])
    return row


def _quotes(codebook, by: str, rows: list[dict], themes, k: int) -> list[dict]:
    """Redacted quotes per theme: the most confident (people's decisions first) answers of
    each group shown with at least ``k`` answers, one answer per distinct text."""
    allowed = {r["group"]: r["label"] for r in rows if not r["suppressed"] and (r["n"] or 0) >= k}
    if not allowed:
        return []
    found = []
    for pk, name in themes:
        tags = (AnswerTag.objects.filter(theme_id=pk, source__in=APPLIES, answer__non_answer=False)
                .annotate(first=Case(When(source=AnswerTag.Source.SUGGESTED, then=Value(1)), default=Value(0),
                                     output_field=IntegerField()))
                .order_by("first", F("confidence").desc(nulls_last=True), "answer_id"))
        if by:
            tags = tags.annotate(g=_group_expression(by, "answer__"))
        found += _pick(tags.values_list("answer__text", *(["g"] if by else []))[:QUOTE_SCAN], name, allowed)
    return found


def _pick(candidates, theme: str, allowed: dict) -> list[dict]:
    picked: dict[str, list[str]] = {}
    for text, *group in candidates:
        keys = ["all", _group(group[0])] if group else ["all"]
        for key in keys:
            limit = QUOTES_OVERALL if key == "all" else QUOTES_PER_GROUP
            chosen = picked.setdefault(key, [])
            if key in allowed and len(text) >= MIN_QUOTE_CHARS and text not in chosen and len(chosen) < limit:
                chosen.append(text)
    return [{"theme": theme, "group": key, "label": allowed[key], "text": text}
            for key in allowed if key in picked for text in picked[key]]
