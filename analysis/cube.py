"""A breakdown's grouped counts together with their disclosure gate.

Pure (pandas): ``build_cube`` takes the counts frame from ``analysis.frames`` and settles
the gate over every characteristic and filter dimension; ``Cube.counts`` then adds up the
answers of any group within a view, for groups the gate shows.
"""

import json
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from surveys.question_types import SPECIAL_ANSWERS

from . import frames
from .disclosure import ALL, NOT_VALID, VALID, Dim, Gate, TooManyCombinations, gate
from .filters import Filters
from .spec import BreakdownError

View = tuple  # per atom dimension: the chosen atom values (list), or None for all


@dataclass
class Cube:
    spec: object
    frame: pd.DataFrame  # columns: *spec.dims, *spec.atoms, "value", "count"
    gate: Gate

    def view(self, filters: Filters, months: list[str] | None = None) -> View:
        """The atoms ``filters`` keep; ``months`` (trends) overrides the date range."""
        chosen = []
        for atom in self.spec.atoms:
            present = sorted(self.frame[atom].unique())
            if atom == frames.MONTH:
                chosen.append([m for m in present if (months is None and _in_range(m, filters))
                               or (months is not None and m in months)])
            elif atom == frames.CHANNEL:
                chosen.append([c for c in present if c in filters.channels])
            else:
                wanted = set(dict(filters.where)[atom.removeprefix(frames.WHERE_PREFIX)])
                chosen.append([v for v in present if _matches(v, wanted)])
        return tuple(chosen)

    def in_view(self, view: View) -> pd.DataFrame:
        mask = pd.Series(True, index=self.frame.index)
        for atom, chosen in zip(self.spec.atoms, view, strict=True):
            if chosen is not None:
                mask &= self.frame[atom].isin(chosen)
        return self.frame[mask]

    def counts(self, frame: pd.DataFrame, groups: tuple) -> Counter:
        """{answer value: count} of the group ``groups`` (a value, VALID or ALL per dim)."""
        mask = pd.Series(True, index=frame.index)
        for dim, value in zip(self.spec.dims, groups, strict=True):
            if value == VALID:
                mask &= ~frame[dim].isin(NOT_VALID)
            elif value != ALL:
                mask &= frame[dim] == value
        return Counter(frame[mask].groupby("value")["count"].sum().to_dict())


def build_cube(spec, frame: pd.DataFrame, *, seed=()) -> Cube:
    """The cube of a question's counts; ``seed``: cells hidden from the start (the scope's
    protected table, ``analysis.protected``)."""
    keys = [*spec.dims, *spec.atoms]
    base = frame["count"].where(~frame["value"].isin(list(SPECIAL_ANSWERS)), 0)
    sized = frame.assign(n=base).groupby(keys, sort=True)[["n", "count"]].sum()
    fine = {(key if isinstance(key, tuple) else (key,)): (int(n), int(answered))
            for key, (n, answered) in zip(sized.index, sized.to_numpy(), strict=True)}
    dims = [Dim(d) for d in spec.dims] + [Dim(a, "atom") for a in spec.atoms]
    return Cube(spec=spec, frame=frame, gate=settle(fine, dims, spec.k, seed=seed))


def settle(fine, dims, k: int, *, seed=()) -> Gate:
    """The gate over ``fine`` cells, with too many small cells to audit as a BreakdownError."""
    try:
        return gate(fine, dims, k, seed=seed)
    except TooManyCombinations as exc:
        raise BreakdownError({"filters": "Too many small groups in this combination to check safely: "
                                         "remove a filter or a characteristic"}) from exc


def _in_range(month: str, filters: Filters) -> bool:
    start = filters.date_from.strftime("%Y-%m") if filters.date_from else "0000-00"
    end = filters.date_to.strftime("%Y-%m") if filters.date_to else "9999-99"
    return start <= month <= end


def _matches(atom: str, wanted: set[str]) -> bool:
    """An answer atom matches a filter if it is a chosen value or (multiple choice) a list
    with a chosen option ticked."""
    if atom.startswith("["):
        return bool(wanted.intersection(json.loads(atom)))
    return atom in wanted
