"""Population reference data (PopulationMargin): loading, checking and reading.

A reference set is one ``name`` (e.g. "LCR Equality Strategy"); within it each characteristic
has a complete set of group shares. Loading a file replaces every (name, characteristic)
set the file mentions, so a reloaded set never keeps stale groups.
"""

import json
import re
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from .models import PopulationMargin
from .weighting import SHARE_SUM_TOLERANCE

BUILTIN = Path(__file__).resolve().parent / "fixtures" / "lcr_population.json"
DEMO_WORKFORCE = BUILTIN.with_name("demo_workforce.json")
# A reference set whose name says "workforce" describes staff; any other describes residents.
WORKFORCE = "workforce"
COLUMNS = ("name", "characteristic", "group", "share", "source")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class PopulationRowErrors(ValueError):
    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__("; ".join(f"row {row}: {msg}" for row, msg in problems))
        self.problems = problems


def parse_share(raw) -> float:
    """A proportion from 0.183, "0.183" or "18.3%". Raises ValueError outside 0-1."""
    text = str(raw).strip()
    share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 <= share <= 1:
        raise ValueError(f"share {text} is not between 0 and 1 (write 18.3% for a percentage)")
    return share


def population_load(rows, *, first_row: int = 2) -> int:
    """Check every row, then replace the sets they describe in one transaction, or change nothing.

    ``rows`` are dicts with the COLUMNS keys; row numbers in errors count from ``first_row``
    (2 for a CSV file with a header line). Raises PopulationRowErrors. Returns rows stored.
    """
    margins, problems = _checked(rows, first_row)
    if problems:
        raise PopulationRowErrors(problems)
    with transaction.atomic():
        for name, characteristic in {(m.name, m.characteristic) for m in margins}:
            PopulationMargin.objects.filter(name=name, characteristic=characteristic).delete()
        PopulationMargin.objects.bulk_create(margins)
    return len(margins)


def population_load_builtin() -> int:
    """The city region's age profile from the LCR Equality Strategy (analysis/fixtures)."""
    return population_load(json.loads(BUILTIN.read_text()), first_row=1)


def population_load_demo_workforce() -> int:
    """A generated workforce age profile, so the demo staff survey has staff to compare with."""
    return population_load(json.loads(DEMO_WORKFORCE.read_text()), first_row=1)


def is_workforce(name: str) -> bool:
    return WORKFORCE in name.lower()


def default_reference(survey, population: dict, characteristics) -> tuple[str, str] | None:
    """(reference set, characteristic) a survey is compared with first: a staff survey (one
    with waves) with a workforce profile, any other survey with residents; the first of
    ``characteristics`` such a set has, else any set that has one."""
    staff = survey.waves.exists()
    pairs = [(name, c) for c in characteristics for name, sets in population.items() if c in sets]
    preferred = [(name, c) for name, c in pairs if is_workforce(name) == staff]
    return (preferred or pairs or [None])[0]


def _checked(rows, first_row) -> tuple[list[PopulationMargin], list[tuple[int, str]]]:
    margins, problems, seen = [], [], set()
    totals: dict[tuple, list] = defaultdict(list)
    for number, row in enumerate(rows, start=first_row):
        try:
            margin = _margin(row)
        except ValueError as exc:
            problems.append((number, str(exc)))
            continue
        key = (margin.name, margin.characteristic, margin.group)
        if key in seen:
            problems.append((number, f"{margin.characteristic} = {margin.group} appears twice in {margin.name}"))
            continue
        seen.add(key)
        totals[key[:2]].append((number, margin.share))
        margins.append(margin)
    # Totals are only meaningful once every row of a set reads correctly.
    for (name, characteristic), shares in totals.items() if not problems else ():
        total = sum(share for _, share in shares)
        if abs(total - 1) > SHARE_SUM_TOLERANCE:
            message = f"shares for {characteristic} in {name} add up to {total:.1%}, not 100%"
            problems.append((shares[0][0], message))
    return margins, sorted(problems)


def _margin(row: dict) -> PopulationMargin:
    missing = [c for c in COLUMNS[:4] if not str(row.get(c) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    characteristic = str(row["characteristic"]).strip()
    if not _SLUG.match(characteristic) or len(characteristic) > 40:
        raise ValueError(f"characteristic '{characteristic}' must be a code like age_band")
    return PopulationMargin(name=str(row["name"]).strip()[:120], characteristic=characteristic,
                            group=str(row["group"]).strip()[:80], share=parse_share(row["share"]),
                            source=str(row.get("source") or "").strip()[:300])


def population_sets() -> dict[str, dict[str, dict[str, float]]]:
    """Every reference set: name -> characteristic -> {group: share}."""
    sets: dict = defaultdict(lambda: defaultdict(dict))
    for m in PopulationMargin.objects.all():
        sets[m.name][m.characteristic][m.group] = m.share
    return {name: dict(chars) for name, chars in sets.items()}


def population_sources(name: str) -> list[str]:
    return sorted(set(PopulationMargin.objects.filter(name=name).exclude(source="")
                      .values_list("source", flat=True)))
