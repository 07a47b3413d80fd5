"""Who answered, compared with who lives here; which channels reach which groups; weighting.

Counts come from the scope's protected table (``analysis.protected``: grouped counts through
the one disclosure gate), the same table every breakdown of the scope starts from, so this
page never shows a group, or a not-stated count, that a breakdown hides. Shares are of
respondents who stated a group: "prefer not to say" and unanswered are reported apart and
left out of both sides, as in standards.md §4.3.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as sps

from . import frames, protected
from .disclosure import ALL, NOT_VALID, VALID, Gate
from .stats import adjust, describe, mean_ci, wilson
from .weighting import NOT_STATED, RakeResult, WeightingError, rake, rebase

UNDER_RATIO = 0.8  # a group has under 80% of its population share...
ALPHA = 0.05  # ...and the gap is significant after Holm correction


@dataclass
class GroupComparison:
    group: str
    n: int | None  # None: suppressed
    sample_share: float | None  # of respondents who stated a group, 0-1
    population_share: float | None  # rebased to the groups compared, 0-1; None: no reference
    ci_low: float | None = None  # Wilson 95% interval of the sample share
    ci_high: float | None = None
    difference: float | None = None  # sample - population, proportion points
    ratio: float | None = None  # sample / population
    p_value: float | None = None  # exact binomial test against the population share
    p_adjusted: float | None = None
    flag: str = ""  # "under", "over" or ""
    members: list[str] = field(default_factory=list)  # a combined row: the suppressed groups in it
    label: str = ""  # for display; callers may fill it in

    @property
    def suppressed(self) -> bool:
        return self.n is None


@dataclass
class Comparison:
    characteristic: str
    reference: str
    stated: int | None  # base of the shares; None if suppressed
    not_stated: dict[str, int | None]  # prefer_not_to_say / not_answered -> n
    rows: list[GroupComparison]
    excluded: list[str] = field(default_factory=list)  # population groups left out (out of scope)

    @property
    def under_represented(self) -> list[GroupComparison]:
        return [row for row in self.rows if row.flag == "under"]


def compare_with_population(scope: Gate, population: dict[str, float], *, characteristic: str = "",
                            reference: str = "", exclude=()) -> Comparison:
    """Compare respondents' groups with population shares (``population``: group -> share).

    ``scope``: the scope's protected table of respondents by the characteristic
    (``protected.respondents(survey, [characteristic])``), so the page hides exactly what
    every breakdown of the same scope hides. ``exclude``: population groups outside the
    survey's scope (e.g. "0-15" for an adult survey); the other shares are rebased to sum
    to 1, and respondents in them are left out. Each shown group is tested with an exact
    binomial test against its population share, Holm-corrected across the groups; "under"
    when ratio < 0.8 and p_adjusted < 0.05, "over" when ratio > 1/0.8 and significant.
    """
    exclude = [g for g in exclude if g in population]
    rebased = rebase(population, exclude)
    counts = {key[0]: n for key, (n, _) in scope.sizes.items() if key[0] not in (ALL, VALID)}
    kept = {g: n for g, n in counts.items() if g not in exclude and g not in NOT_VALID}
    # The base is everyone who stated a group, less the excluded groups: shown only when it
    # is the sum of groups the protected table shows, or the shown VALID cell less shown
    # excluded groups; anything else would give a hidden cell away.
    stated = None
    if all(scope.shows((g,)) for g in kept):
        stated = sum(kept.values())
    elif all(scope.shows(part) for part in [(VALID,), *((g,) for g in exclude)]):
        stated = scope.size((VALID,))[0] - sum(counts.get(g, 0) for g in exclude)
    not_stated = {g: scope.size((g,))[0] if scope.shows((g,)) else None for g in sorted(NOT_VALID)}
    groups = list(rebased) + sorted(g for g in kept if g not in rebased)
    # Shares need the base: when it is hidden, a share would give the base (and so a hidden
    # group) away, so the shown counts stand without shares or tests.
    rows = [_row(g, kept.get(g, 0), stated, rebased.get(g), scope.shows((g,))) for g in groups]
    rows += _hidden_together(rows, stated, rebased)
    for row, p in zip(rows, adjust([r.p_value for r in rows], "holm"), strict=True):
        row.p_adjusted = p
        row.flag = _flag(row)
    return Comparison(characteristic, reference, stated, not_stated, rows, exclude)


def _hidden_together(rows, stated, rebased) -> list[GroupComparison]:
    """The suppressed groups as one row: their total is the shown base minus the shown groups
    (so it is public already, and the gate keeps it at k or more), and the most
    under-represented groups are often the small ones this row can still flag."""
    hidden = [r.group for r in rows if r.suppressed]
    if not hidden or stated is None or any(g not in rebased for g in hidden):
        return []
    n = stated - sum(r.n for r in rows if not r.suppressed)
    row = _row(" + ".join(hidden), n, stated, sum(rebased[g] for g in hidden), True)
    row.members = hidden
    return [row]


def _row(group, n, base, share, shown) -> GroupComparison:
    if not shown or not base:
        return GroupComparison(group, None if not shown else n, None, share)
    sample = n / base
    row = GroupComparison(group, n, sample, share, *wilson(n, base))
    if share:
        row.difference = sample - share
        row.ratio = sample / share
        row.p_value = float(sps.binomtest(n, base, share).pvalue)
    return row


def _flag(row: GroupComparison) -> str:
    if row.ratio is None or row.p_adjusted is None or row.p_adjusted >= ALPHA:
        return ""
    if row.ratio < UNDER_RATIO:
        return "under"
    return "over" if row.ratio > 1 / UNDER_RATIO else ""


@dataclass
class Reach:
    characteristic: str
    channels: list[str]
    groups: list[str]
    cells: dict[tuple[str, str], int | None]  # (channel, group) -> n; None suppressed
    channel_totals: dict[str, int | None]  # everyone who came by the channel
    channel_stated: dict[str, int | None]  # of whom stated a group: the base of row shares

    def share(self, channel: str, group: str) -> float | None:
        n, base = self.cells.get((channel, group)), self.channel_stated.get(channel)
        return n / base if n is not None and base and group not in NOT_VALID else None


def channel_reach(survey, characteristic: str, filters=None) -> Reach:
    """Channel x group counts, each through the disclosure gate (complementary suppression
    across rows and columns), so a channel's small groups cannot be recovered from totals."""
    dims = sorted([frames.CHANNEL, characteristic])  # as a breakdown by both orders them

    def key(channel, group):
        return (channel, group) if dims[0] == frames.CHANNEL else (group, channel)

    result = protected.respondents(survey, dims, filters=filters)
    fine = [cell for cell in result.sizes if ALL not in cell and VALID not in cell]
    channels = sorted({cell[dims.index(frames.CHANNEL)] for cell in fine})
    groups = sorted({cell[1 - dims.index(frames.CHANNEL)] for cell in fine}, key=lambda g: (g in NOT_VALID, g))

    def shown(channel, group):
        return result.size(key(channel, group))[0] if result.shows(key(channel, group)) else None

    cells = {(c, g): shown(c, g) for c in channels for g in groups}
    return Reach(characteristic, channels, groups, cells, {c: shown(c, ALL) for c in channels},
                 {c: shown(c, VALID) for c in channels})


def weights_for(survey, margins: dict[str, dict[str, float]], *, exclude: dict[str, list[str]] | None = None,
                filters=None) -> tuple[pd.DataFrame, RakeResult]:
    """Rake the survey's respondents to ``margins`` (characteristic -> {group: share}).

    ``exclude``: characteristic -> groups outside the survey's scope; their population share
    is dropped (the rest rebased) and so are their respondents, so weighted figures describe
    the population in scope. Works on grouped counts: everyone in the same cell of the margin
    characteristics gets the same weight. Returns (cells with "count" and "weight" columns,
    the RakeResult over respondents). Raises WeightingError for empty cells or unknown groups.
    """
    exclude = exclude or {}
    chars = sorted(margins)
    if not chars:
        raise WeightingError("Choose at least one characteristic to weight by.")
    cells = frames.grouped_counts(survey, question=None, by=chars, filters=filters)
    cells = cells.groupby(chars, as_index=False)["count"].sum()
    for char in chars:
        cells = cells[~cells[char].isin(exclude.get(char, ()))]
    cells = cells.reset_index(drop=True)
    people = cells.loc[cells.index.repeat(cells["count"])].reset_index(drop=True)
    people = people[chars].replace({"not_answered": None})
    result = rake(people, {c: rebase(margins[c], exclude.get(c, ())) for c in chars})
    cell_of_person = np.repeat(np.arange(len(cells)), cells["count"].to_numpy())
    cells["weight"] = pd.Series(result.weights.to_numpy()).groupby(cell_of_person).first().to_numpy()
    return cells, result


def weighted_profile(cells: pd.DataFrame, characteristic: str) -> dict[str, float]:
    """Weighted share of each stated group, to check the weights meet the margins."""
    stated = cells[~cells[characteristic].isin([*NOT_STATED, "not_answered"])]
    totals = (stated["weight"] * stated["count"]).groupby(stated[characteristic]).sum()
    return (totals / totals.sum()).to_dict() if totals.sum() else {}


@dataclass
class WeightedEstimate:
    question: str
    n: int  # respondents who gave a scale answer
    n_eff: float | None  # effective sample size of those respondents under the weights
    mean: float | None
    weighted_mean: float | None
    weighted_ci: tuple[float | None, float | None]
    pct_positive: float | None  # 0-100
    weighted_pct_positive: float | None
    suppressed: bool


def weighted_estimate(survey, cells: pd.DataFrame, question, filters=None) -> WeightedEstimate:
    """Unweighted and weighted mean and % positive of a scale ``question`` (a ClosedQuestion).

    Suppressed when n or n_eff is below the survey's minimum group size (standards §6:
    apply suppression using n_eff). The weighted CI uses the t interval with n_eff.
    """
    chars = [c for c in cells.columns if c not in ("count", "weight")]
    frame = frames.grouped_counts(survey, question=question.code, by=chars, filters=filters)
    frame = frame[~frame["value"].isin(question.special)].merge(cells[[*chars, "weight"]], on=chars)
    values, counts, w = frame["value"].astype(float), frame["count"], frame["weight"] * frame["count"]
    n = int(counts.sum())
    n_eff = float(w.sum() ** 2 / (frame["weight"] ** 2 * counts).sum()) if n else None
    if n == 0 or n < survey.min_group_size or n_eff < survey.min_group_size:
        return WeightedEstimate(question.code, n, None, None, None, (None, None), None, None, True)
    positive = frame["value"].isin(question.default_positive())
    _, mean, _ = describe(counts.groupby(values).sum().to_dict())
    weighted_mean = float((w * values).sum() / w.sum())
    weighted_sd = float(np.sqrt((w * (values - weighted_mean) ** 2).sum() / w.sum() * n / max(n - 1, 1)))
    return WeightedEstimate(
        question.code, n, n_eff, mean, weighted_mean, mean_ci(round(n_eff), weighted_mean, weighted_sd),
        100 * float(counts[positive].sum() / n), 100 * float(w[positive].sum() / w.sum()), False)
