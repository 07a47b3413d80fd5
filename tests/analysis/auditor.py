"""An intruder with a linear-programming solver, for the differencing tests.

Given everything published (sets of people whose size is known) and a secret set, find the
smallest and largest size the secret could have given the published figures. If they are
equal, the published figures pin the secret down: a differencing attack has succeeded.
Sizes stand for every additive figure (counts, and sums of answers behind means).
"""

from collections.abc import Iterable

import numpy as np
from scipy.optimize import linprog


def bounds(published: Iterable[tuple[frozenset, int]], secret: frozenset) -> tuple[float, float]:
    published = list(published)
    people = sorted(set().union(secret, *(s for s, _ in published)))
    signature = {p: tuple(p in s for s, _ in published) + (p in secret,) for p in people}
    classes = sorted(set(signature.values()))
    equalities = np.array([[c[i] for c in classes] for i in range(len(published))], dtype=float)
    sizes = np.array([size for _, size in published], dtype=float)
    objective = np.array([c[-1] for c in classes], dtype=float)
    found = []
    for sign in (1, -1):
        result = linprog(sign * objective, A_eq=equalities if len(published) else None,
                         b_eq=sizes if len(published) else None, bounds=(0, None), method="highs")
        if result.status == 3:  # unbounded: nothing published limits the secret
            found.append(float("inf"))
            continue
        assert result.status == 0, result.message
        found.append(sign * result.fun)
    return found[0], found[1]


def pinned(published, secret) -> bool:
    low, high = bounds(published, frozenset(secret))
    return abs(high - low) < 1e-6


def table_knowledge(table, people: list[dict], keep) -> tuple[list, list]:
    """(published, secrets) of one breakdown table over test people.

    ``people``: dicts with each characteristic of ``table.by`` (missing -> not_answered)
    and whatever ``keep`` (the view's filter, person -> bool) reads. Published: every shown
    row and total, the comparison base when comparisons use everyone valid, and every shown
    disclosure rate. Secrets: every hidden row describing 1..k-1 people.
    """
    inside = [i for i, person in enumerate(people) if keep(person)]

    def members(groups):
        return frozenset(i for i in inside if all(_value(people[i], c) == v for c, v in groups.items()))

    published, secrets = [], []
    for row in [*table.rows, table.total]:
        group = members(row["groups"] or {})
        if row["suppressed"]:
            if 0 < len(group) < table.min_group_size:
                secrets.append(group)
        else:
            assert row["n"] == len(group)
            published.append((group, row["n"]))
    if table.comparison_base == "all_valid" and any(r["p_value"] is not None for r in table.rows):
        valid = frozenset(i for i in inside if all(
            _value(people[i], c) not in ("prefer_not_to_say", "not_answered") for c in table.by))
        published.append((valid, len(valid)))
    for char, rates in table.disclosure.items():
        for special in ("prefer_not_to_say", "not_answered"):
            if rates[special] is not None:
                group = members({char: special})
                published.append((group, len(group)))
    return published, secrets


def _value(person, characteristic):
    return person.get(characteristic) or "not_answered"
