"""Who answered, compared with who lives here; which channels reach which groups; weighting.

Counts come from ``analysis.frames`` (grouped, never row by row) and pass the one
disclosure gate (``analysis.disclosure``) before any count or share is shown. Shares are of
respondents who stated a group: "prefer not to say" and unanswered are reported apart and
left out of both sides, as in standards.md §4.3.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as sps

from . import frames
from .disclosure import ALL, NOT_VALID, VALID, Dim, gate
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


def compare_with_population(counts: dict[str, int], population: dict[str, float], *, k: int,
                            characteristic: str = "", reference: str = "", exclude=()) -> Comparison:
    """Compare respondents' groups (``counts``: group -> respondents, including the
    NOT_VALID keys) with population shares (``population``: group -> share).

    ``exclude``: population groups outside the survey's scope (e.g. "0-15" for an adult
    survey); the other shares are rebased to sum to 1, and respondents in them are left out.
    Each shown group is tested with an exact binomial test against its population share,
    Holm-corrected across the groups; "under" when ratio < 0.8 and p_adjusted < 0.05, "over"
    when ratio > 1/0.8 and significant. Suppression (``k``) follows the disclosure gate.
    """
    exclude = [g for g in exclude if g in population]
    rebased = rebase(population, exclude)
    kept = {g: n for g, n in counts.items() if g not in exclude}
    stated, not_stated = _gated_base(kept, k)
    shown = _gated_groups({g: n for g, n in kept.items() if g not in NOT_VALID}, k)
    groups = list(rebased) + sorted(g for g in kept if g not in rebased and g not in NOT_VALID)
    # Shares need the base: when the gate hides it, a share would give the base (and so a
    # hidden group) away, so the shown counts stand without shares or tests.
    rows = [_row(g, kept.get(g, 0), stated, rebased.get(g), g in shown) for g in groups]
    rows += _hidden_together(rows, stated, rebased)
    for row, p in zip(rows, adjust([r.p_value for r in rows], "holm"), strict=True):
        row.p_adjusted = p
        row.flag = _flag(row)
    return Comparison(characteristic, reference, stated, not_stated, rows, exclude)


# The comparison's universe is respondents who stated a group (§4.3), so the gate runs on
# them alone, with their total as its one margin ("atom" dimensions carry no VALID margin,
# which the breakdown gate prefers to hide first and which is the base of every share here).
# A second gate settles the base against prefer-not-to-say and not-answered, so the base
# is only shown when those cannot be worked out from it either.
def _gated_groups(stated: dict[str, int], k: int) -> set[str]:
    result = gate({(g,): (n, n) for g, n in stated.items() if n}, [Dim("group", "atom")], k)
    return {g for g in stated if result.shows((g,))}


def _gated_base(kept: dict[str, int], k: int) -> tuple[int | None, dict[str, int | None]]:
    parts = {"stated": sum(n for g, n in kept.items() if g not in NOT_VALID),
             **{g: kept.get(g, 0) for g in sorted(NOT_VALID)}}
    result = gate({(g,): (n, n) for g, n in parts.items() if n}, [Dim("base", "atom")], k)
    shown = {g: (n if result.shows((g,)) else None) for g, n in parts.items()}
    return shown.pop("stated"), shown


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


def profile_counts(survey, characteristic: str, filters=None) -> dict[str, int]:
    """Respondents per group of ``characteristic`` (NOT_VALID keys included)."""
    frame = frames.grouped_counts(survey, question=None, by=[characteristic], filters=filters)
    return {str(g): int(n) for g, n in frame.groupby(characteristic)["count"].sum().items()}


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
    frame = frames.grouped_counts(survey, question=None, by=[frames.CHANNEL, characteristic], filters=filters)
    fine = {(str(c), str(g)): (int(n), int(n)) for (c, g), n in
            frame.groupby([frames.CHANNEL, characteristic])["count"].sum().items()}
    result = gate(fine, [Dim(frames.CHANNEL), Dim(characteristic)], survey.min_group_size)
    channels = sorted({c for c, _ in fine})
    groups = sorted({g for _, g in fine}, key=lambda g: (g in NOT_VALID, g))
    cells = {(c, g): (fine.get((c, g), (0, 0))[0] if result.shows((c, g)) else None)
             for c in channels for g in groups}
    totals = {c: result.size((c, ALL))[0] if result.shows((c, ALL)) else None for c in channels}
    stated = {c: result.size((c, VALID))[0] if result.shows((c, VALID)) else None for c in channels}
    return Reach(characteristic, channels, groups, cells, totals, stated)


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
