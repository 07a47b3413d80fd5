"""The rows of a breakdown table: gate first, then figures, comparisons and corrections."""

from collections import Counter

from . import stats
from .cube import Cube, View
from .disclosure import (
    ALL,
    DISTRIBUTION_FACTOR,
    NOT_ANSWERED,
    NOT_VALID,
    PREFER_NOT_TO_SAY,
    VALID,
    shows_distribution,
)
from .figures import COMPARISON_FIELDS, compare, compare_options, figures, summarise
from .questions import group_order

FIGURE_FIELDS = ("n", "n_answered", "mean", "sd", "ci_low", "ci_high", "pct_positive", "pct_ci_low",
                 "pct_ci_high", "distribution", *COMPARISON_FIELDS)
SMALL_DISTRIBUTION_NOTE = ("Groups of fewer than {limit} people show their size and summary figures but not "
                           "how many gave each answer: in a small group a zero would say what everyone answered.")
DISTRIBUTION_ENTRY = ("value", "label", "special")
SHOWN_GROUPS_NOTE = ("Comparisons are with everyone else in the groups shown: including the hidden "
                     "groups would let their figures be worked out.")


def table_rows(spec, cube: Cube, view: View):
    """(rows, total, comparison base, disclosure rates, notes) for one view of a cube."""
    frame = cube.in_view(view)
    counts: dict[tuple, Counter] = {}
    rows = []
    for key in _groups(spec, frame):
        row = _shell(spec, key)
        if cube.gate.shows(key, view):
            counts[key] = cube.counts(frame, key)
            row.update(_figures(spec, counts[key]), suppressed=False)
        rows.append(row)
    total = _shell(spec, (ALL,) * len(spec.dims))
    if cube.gate.shows(total["_key"], view):
        total.update(_figures(spec, cube.counts(frame, total["_key"])), suppressed=False)
    valid_key = (VALID,) * len(spec.dims)
    whole = cube.gate.shows(valid_key, view)
    valid = cube.counts(frame, valid_key) if whole else sum(
        (c for key, c in counts.items() if not NOT_VALID.intersection(key)), Counter())
    _compare_all(spec, rows, counts, valid)
    notes = [] if whole else [SHOWN_GROUPS_NOTE]
    if _withhold_small_distributions(spec, [*rows, total]):
        notes.append(SMALL_DISTRIBUTION_NOTE.format(limit=DISTRIBUTION_FACTOR * spec.k))
    rates = _disclosure_rates(spec, cube, view)
    for row in [*rows, total]:
        row.pop("_key")
    return rows, total, "all_valid" if whole else "shown_groups", rates, notes


def _groups(spec, frame) -> list[tuple]:
    """Groups with anyone in this view, in reporting order (prefer not to say and not
    answered last), as keys in the cube's dimension order."""
    present = frame[frame["count"] > 0][list(spec.dims)].drop_duplicates()
    keys = [tuple(row) for row in present.itertuples(index=False, name=None)]
    orders = {dim: list(group_order(spec.definition, dim)) for dim in spec.dims}

    def rank(key):
        shown = dict(zip(spec.dims, key, strict=True))
        return tuple(_position(orders[dim], shown[dim]) for dim in spec.by)

    return sorted(keys, key=rank)


def _position(order: list[str], value: str):
    special = {PREFER_NOT_TO_SAY: 2, NOT_ANSWERED: 3}.get(value, 1 if value not in order else 0)
    return (special, order.index(value) if value in order else 0, value)


def _shell(spec, key: tuple) -> dict:
    groups = dict(zip(spec.dims, key, strict=True))
    values = [groups[dim] for dim in spec.by]
    labels = [group_order(spec.definition, dim).get(value, value) for dim, value in zip(spec.by, values,
                                                                                          strict=True)]
    kind = next((special for special in (PREFER_NOT_TO_SAY, NOT_ANSWERED) if special in values), "group")
    everyone = set(values) == {ALL}
    return {"_key": key, "group": "all" if everyone else " / ".join(values),
            "groups": None if everyone else {dim: groups[dim] for dim in spec.by},
            "label": "Everyone" if everyone else " / ".join(labels),
            "kind": "total" if everyone else kind, "suppressed": True, **dict.fromkeys(FIGURE_FIELDS)}


def _figures(spec, counts: Counter) -> dict:
    return figures(spec.question, summarise(spec.question, counts, spec.positive), spec.positive)


def _compare_all(spec, rows, counts, valid: Counter) -> None:
    """Each shown group against everyone else (both sides at least k, §4.3), then the
    multiple-comparison correction across the table's groups."""
    for row in rows:
        key = row["_key"]
        if row["kind"] != "group" or key not in counts:
            continue
        group = summarise(spec.question, counts[key], spec.positive)
        rest = summarise(spec.question, valid - counts[key], spec.positive)
        if group.n < spec.k or rest.n < spec.k:
            continue
        row.update(compare(spec.question, group, rest, spec.positive))
        if spec.question.scale is None and shows_distribution(group.answered, spec.k):
            options = compare_options(spec.question, group, rest)
            for entry in row["distribution"]:
                entry.update(options.get(entry["value"], {}))
    _adjust(rows, "p_value", "p_adjusted", spec.correction)
    _adjust(rows, "pct_p_value", "pct_p_adjusted", spec.correction)
    entries = [e for row in rows for e in (row["distribution"] or []) if "p_value" in e]
    for entry, adjusted in zip(entries, stats.adjust([e["p_value"] for e in entries], spec.correction),
                               strict=True):
        entry["p_adjusted"] = adjusted


def _withhold_small_distributions(spec, rows) -> bool:
    """Blank the count, share and intervals per answer of shown groups under 2k people
    (``disclosure.shows_distribution``); True if any was blanked."""
    withheld = False
    for row in rows:
        if row["suppressed"] or shows_distribution(row["n_answered"], spec.k):
            continue
        row["distribution"] = [{**{key: entry[key] for key in DISTRIBUTION_ENTRY},
                                **dict.fromkeys(("count", "pct", "ci_low", "ci_high"))}
                               for entry in row["distribution"]]
        withheld = True
    return withheld


def _adjust(rows, source: str, target: str, method: str) -> None:
    for row, adjusted in zip(rows, stats.adjust([row[source] for row in rows], method), strict=True):
        row[target] = adjusted


def _disclosure_rates(spec, cube: Cube, view: View) -> dict[str, dict]:
    """Per characteristic: % of the table's respondents answering "prefer not to say" and
    % who did not answer it, each shown only where the gate shows that group."""
    everyone = (ALL,) * len(spec.dims)
    base = cube.gate.size(everyone, view)[1] if cube.gate.shows(everyone, view) else None
    rates = {}
    for i, dim in enumerate(spec.dims):
        rates[dim] = {"base": base}
        for special in (PREFER_NOT_TO_SAY, NOT_ANSWERED):
            key = everyone[:i] + (special,) + everyone[i + 1:]
            shown = base and cube.gate.shows(key, view)
            rates[dim][special] = 100 * cube.gate.size(key, view)[1] / base if shown else None
    return rates
