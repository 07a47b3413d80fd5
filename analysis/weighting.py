"""Raking (iterative proportional fitting) weights to population margins, with diagnostics.

Pure pandas/numpy: no ORM. Method and diagnostics follow standards.md §6: adjust to each
margin in turn until all match; cap weights at 5x the median, then re-rake; report
n_eff = (Σw)²/Σw², deff = 1 + CV²(w) and efficiency = n_eff/n beside every weighted figure.
"""

import hashlib
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# Values that say nothing about the group: kept out of the margin they would be raked to.
NOT_STATED = ("prefer_not_to_say", "dont_know")
SHARE_SUM_TOLERANCE = 0.02  # published profiles are rounded, e.g. the LCR age profile sums to 99.9%


class WeightingError(ValueError):
    """The margins cannot be matched with this sample (e.g. an empty cell)."""


@dataclass
class RakeResult:
    weights: pd.Series  # one per respondent, mean 1
    converged: bool
    iterations: int
    max_error: float  # largest |weighted share - target| over every margin
    capped: int  # weights held at the cap
    cap: float
    version: str  # short fingerprint of the margins, recorded with every weighted output
    missing: dict[str, float] = field(default_factory=dict)  # share not stated, per variable

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def n_eff(self) -> float:
        return effective_sample_size(self.weights)

    @property
    def design_effect(self) -> float:
        return self.n / self.n_eff if self.n else float("nan")

    @property
    def efficiency(self) -> float:
        return self.n_eff / self.n if self.n else float("nan")

    def diagnostics(self) -> dict:
        return {"n": self.n, "n_eff": round(self.n_eff, 1), "design_effect": round(self.design_effect, 3),
                "efficiency": round(self.efficiency, 3), "iterations": self.iterations,
                "converged": self.converged, "max_error": self.max_error, "capped": self.capped,
                "max_weight": round(float(self.weights.max()), 3) if self.n else None,
                "min_weight": round(float(self.weights.min()), 3) if self.n else None,
                "version": self.version, "missing": self.missing}


def effective_sample_size(weights) -> float:
    """Kish's n_eff = (Σw)²/Σw²; equals n for equal weights."""
    w = np.asarray(weights, dtype=float)
    total_sq = float(np.square(w).sum())
    return float(w.sum() ** 2 / total_sq) if total_sq else 0.0


def rebase(shares: dict[str, float], exclude=()) -> dict[str, float]:
    """Shares without the ``exclude`` groups (outside the survey's scope), summing to 1 again."""
    kept = {group: share for group, share in shares.items() if group not in exclude}
    total = sum(kept.values())
    return {group: share / total for group, share in kept.items()} if total else {}


def margins_version(margins: dict[str, dict[str, float]]) -> str:
    canonical = json.dumps(margins, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:10]


def rake(frame: pd.DataFrame, margins: dict[str, dict[str, float]], *, tolerance: float = 1e-6,
         max_iterations: int = 1000, cap_ratio: float | None = 5.0) -> RakeResult:
    """Weights making ``frame``'s weighted profile match ``margins``.

    ``frame`` has one row per respondent and a column per margin variable; ``margins`` maps
    variable -> {group: population share}. Shares are normalised to sum to 1. Respondents who
    did not state a value (missing, prefer not to say) keep their weight for that margin: the
    margin is matched among those who did. After each pass over the margins, weights above
    ``cap_ratio`` x the median are cut to it and raking goes on, so the result both respects
    the cap and meets the margins when that is possible; ``converged`` is False when it is not.
    Raises WeightingError for an empty cell, a group with no population share, or shares that
    do not add up.
    """
    targets = {var: _normalised(var, shares) for var, shares in margins.items()}
    codes = {var: _codes(frame, var, targets[var]) for var in targets}
    shares = {var: np.array(list(t.values())) for var, t in targets.items()}
    weights = np.ones(len(frame))
    cap = float("inf")
    error = _max_error(weights, codes, shares)
    iterations = 0
    while iterations < max_iterations and (error > tolerance or iterations == 0):
        for var, target in shares.items():
            _adjust(weights, codes[var], target)
        if cap_ratio and len(weights):
            weights *= len(weights) / weights.sum()  # trimming shrinks the total; keep mean 1
            cap = cap_ratio * float(np.median(weights))
            np.minimum(weights, cap, out=weights)
        iterations += 1
        error = _max_error(weights, codes, shares)
    scale = len(weights) / weights.sum() if len(weights) else 1.0
    return RakeResult(
        weights=pd.Series(weights * scale, index=frame.index, name="weight"), converged=error <= tolerance,
        iterations=iterations, max_error=float(error), capped=int(np.isclose(weights, cap, rtol=1e-9, atol=0).sum()),
        cap=cap * scale, version=margins_version(targets),
        missing={var: round(float((c < 0).mean()), 4) if len(c) else 0.0 for var, c in codes.items()})


def _normalised(var: str, shares: dict[str, float]) -> dict[str, float]:
    total = sum(shares.values())
    if any(s < 0 for s in shares.values()) or abs(total - 1) > SHARE_SUM_TOLERANCE:
        raise WeightingError(f"Population shares for {var} add up to {total:.1%}, not 100%.")
    return {group: s / total for group, s in shares.items() if s > 0}


def _codes(frame: pd.DataFrame, var: str, target: dict[str, float]) -> np.ndarray:
    """Group index per respondent for ``var`` (-1: not stated), checking every cell is usable."""
    if var not in frame:
        raise WeightingError(f"No respondent data for {var}.")
    values = frame[var]
    stated = values.notna() & ~values.isin(NOT_STATED)
    counts = values[stated].astype(str).value_counts()
    unknown = sorted(set(counts.index) - set(target))
    if unknown:
        raise WeightingError(f"Respondents in {var} = {', '.join(unknown)} have no population share; "
                             "add it to the reference data or collapse the groups.")
    empty = [g for g in target if counts.get(g, 0) == 0]
    if empty:
        raise WeightingError(f"No respondents in {var} = {', '.join(empty)}, which the population "
                             "includes: an empty cell cannot be weighted up. Collapse it with a "
                             "neighbouring group or leave it out of the margins.")
    index = {group: i for i, group in enumerate(target)}
    return np.where(stated, values.astype(str).map(index).fillna(-1), -1).astype(int)


def _adjust(weights: np.ndarray, code: np.ndarray, target: np.ndarray) -> None:
    """Scale each group of one margin (in place) so its weighted share meets the target."""
    stated = code >= 0
    sums = np.bincount(code[stated], weights[stated], minlength=len(target))
    factor = np.divide(target * sums.sum(), sums, out=np.ones(len(target)), where=sums > 0)
    weights[stated] *= factor[code[stated]]


def _max_error(weights, codes, shares) -> float:
    worst = 0.0
    for var, target in shares.items():
        stated = codes[var] >= 0
        sums = np.bincount(codes[var][stated], weights[stated], minlength=len(target))
        total = sums.sum()
        if total:
            worst = max(worst, float(np.abs(sums / total - target).max()))
    return worst
