"""The one disclosure gate (standards.md §3): which figures may leave the system.

Pure: counts in, a decision out. Every results path (pages, API, CSV/XLSX, report, CLI,
targets, trends) goes through ``breakdown``, which asks ``Gate.shows`` before it computes
a single figure for a group, so a suppressed group never has a count, mean or percentage.

The model is a table of counts with margins (a "cube"). Its dimensions are the
characteristics a table is broken down by and, for a filtered view, the filters
(an answer, a channel, a month), each cut into "atoms": one answer value, one channel, one
calendar month. Each coordinate is a value, ``VALID`` ("+": every group except
prefer-not-to-say and not answered, the base of comparisons) or ``ALL`` ("*"). Every
published figure is a sum of cube cells, and every line of the cube is a sum relation
(total = members), so the rules are:

1. Primary: a cell describing 1..k-1 people is suppressed (§3.1).
2. Inheritance: a cell is suppressed when a coarser cell containing it (one coordinate
   replaced by ``ALL``) is, so finer views never rebuild a hidden figure.
3. Complementary: in every line, the suppressed non-empty entries (members and total) are
   none, or at least two and, when the total is shown, together at least k people; else one
   more shown entry is suppressed (§3.2), repeated until nothing changes: prefer-not-to-say
   and not-answered sub-cells and margins before any valid group, then the smallest.

Coarser faces of the cube are settled before finer ones and never changed afterwards,
so a table's unfiltered face is exactly what the unfiltered table shows, and every view
filtered on the same dimensions agrees. See docs/analysis.md for the attacks this stops.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import qr

MAX_AUDITED = 2500  # hidden cells in one connected block the exact audit will solve
DISTRIBUTION_FACTOR = 2  # a shown group's count per answer is published only from 2k people

ALL = "*"
VALID = "+"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
NOT_ANSWERED = "not_answered"
NOT_VALID = frozenset({PREFER_NOT_TO_SAY, NOT_ANSWERED})


@dataclass(frozen=True)
class Dim:
    """A cube dimension: a characteristic ("group") or a filter cut into atoms ("atom")."""

    name: str
    kind: str = "group"


@dataclass
class Gate:
    """The settled suppression of one cube. Ask ``shows`` before publishing anything."""

    dims: tuple[Dim, ...]
    k: int
    sizes: dict[tuple, tuple[int, int]]  # cube cell -> (n, answered)
    suppressed: set[tuple] = field(default_factory=set)

    def shows(self, groups: tuple, atoms: tuple[Iterable[str] | None, ...] = ()) -> bool:
        """Whether the figure for ``groups`` (one coordinate per group dimension, values,
        VALID or ALL) restricted to ``atoms`` (per atom dimension: chosen values, or None
        for no restriction) may be shown. True only if every non-empty cell it adds up is
        shown; an empty figure is "shown" (there is nothing to hide)."""
        return all(key not in self.suppressed for key in self._cells(groups, atoms))

    def size(self, groups: tuple, atoms: tuple[Iterable[str] | None, ...] = ()) -> tuple[int, int]:
        """(n, answered) of a figure, summed over its cube cells."""
        cells = [self.sizes[key] for key in self._cells(groups, atoms)]
        return sum(c[0] for c in cells), sum(c[1] for c in cells)

    def _cells(self, groups, atoms):
        choices = [[ALL] if chosen is None else list(chosen) for chosen in atoms]
        for combo in itertools.product(*choices):
            key = (*groups, *combo)
            if self.sizes.get(key, (0, 0))[1] > 0:
                yield key


def shows_distribution(people: int, k: int) -> bool:
    """Whether a shown group of ``people`` may have its count per answer (or per theme)
    published. Below 2k a zero, or a count of one, says what (almost) everyone in a small
    group answered, so such groups publish their size and summary figures only (issue 15)."""
    return people >= DISTRIBUTION_FACTOR * k


def gate(fine: Mapping[tuple, tuple[int, int]], dims: Iterable[Dim], k: int, *,
         seed: Iterable[tuple] = ()) -> Gate:
    """Settle suppression for a cube built from its finest cells.

    ``fine`` maps a coordinate per dimension (no margins) to (n, answered): n is the base
    of the figures (e.g. numeric answers), answered everyone in the cell, including "don't
    know"; a cell is non-empty when answered > 0 and primary-suppressed when n < k.
    ``seed``: cells hidden from the start, as primary ones are: the scope's protected table
    (``analysis.protected``), so a question's table hides at least what every other output
    of the same scope hides.
    """
    dims = tuple(dims)
    result = Gate(dims=dims, k=k, sizes=_with_margins(fine, dims))
    state = _State(sizes=result.sizes, lines=_lines(result.sizes, dims), k=k, hidden=result.suppressed,
                   seed=frozenset(seed), groups=tuple(d for d, dim in enumerate(dims) if dim.kind == "group"))
    faces = _by_face(state.lines)
    for face in sorted({_face(key) for key in result.sizes}, key=lambda f: (-sum(f), f)):
        _settle_face(state, face, faces.get(face, []))
    _verify(state)
    _audit(state)
    return result


def _face(key: tuple) -> tuple[bool, ...]:
    return tuple(c == ALL for c in key)


def _with_margins(fine, dims) -> dict[tuple, tuple[int, int]]:
    sizes: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for key, (n, answered) in fine.items():
        options = [_coarser(value, dim) for value, dim in zip(key, dims, strict=True)]
        for cell in itertools.product(*options):
            sizes[cell][0] += n
            sizes[cell][1] += answered
    return {key: (n, answered) for key, (n, answered) in sizes.items()}


def _coarser(value: str, dim: Dim) -> list[str]:
    if dim.kind == "group" and value not in NOT_VALID:
        return [value, VALID, ALL]
    return [value, ALL]


@dataclass
class _Line:
    dim: int
    total: tuple
    members: list[tuple] = field(default_factory=list)


def _lines(sizes, dims) -> dict[tuple, _Line]:
    """Every sum relation, keyed by (dimension, total cell)."""
    lines: dict[tuple, _Line] = {}
    for key in sizes:
        for d, (value, dim) in enumerate(zip(key, dims, strict=True)):
            if value == ALL:
                continue
            valid_member = dim.kind == "group" and value not in NOT_VALID and value != VALID
            total = (*key[:d], VALID if valid_member else ALL, *key[d + 1:])
            lines.setdefault((d, total), _Line(d, total)).members.append(key)
    for line in lines.values():
        line.members.sort()
    return dict(sorted(lines.items()))


def _by_face(lines: dict[tuple, _Line]) -> dict[tuple, list[_Line]]:
    faces: dict[tuple, list[_Line]] = defaultdict(list)
    for line in lines.values():
        faces[_face(line.members[0])].append(line)
    return faces


@dataclass
class _State:
    sizes: dict
    lines: dict[tuple, _Line]
    k: int
    hidden: set
    seed: frozenset = frozenset()
    groups: tuple = ()  # positions of the group (characteristic) dimensions
    ties: "_Ties" = field(default_factory=lambda: _Ties())
    locked: set = field(default_factory=set)
    lines_of: dict = field(default_factory=dict)  # cell -> lines it is a member or total of

    def __post_init__(self):
        for line in self.lines.values():
            for key in [*line.members, line.total]:
                self.lines_of.setdefault(key, []).append(line)

    def filled(self, key) -> bool:
        return self.sizes[key][1] > 0

    def cost(self, key) -> tuple:
        """Which cell to hide first as a complement (rule 3): a cell of people who did not
        state a group (prefer not to say, not answered) or a margin before a valid group,
        the least useful figures first (issue 15); then the smallest."""
        return (all(key[d] not in NOT_VALID and key[d] not in (VALID, ALL) for d in self.groups),
                self.sizes[key][0], key)


def _settle_face(state: _State, face, lines: list[_Line]) -> None:
    """Rules 1-3 for one face, its coarser faces being settled already."""
    sizes, hidden = state.sizes, state.hidden
    for line in lines:
        filled = [m for m in line.members if state.filled(m)]
        if len(filled) == 1:  # the member is the same people as the total
            if _face(line.total) == face:
                state.ties.join(filled[0], line.total)
            elif line.total not in hidden:
                state.locked.add(filled[0])
    for key in (key for key in sizes if _face(key) == face):
        n, answered = sizes[key]
        if answered > 0 and (n < state.k or key in state.seed or any(parent in hidden for parent in _parents(key))):
            hidden.update(state.ties.members(key))
    changed = True
    while changed:
        changed = False
        for line in lines:
            if _violates(line, state):
                changed |= _suppress_one_more(line, state)


def _parents(key: tuple):
    for d, value in enumerate(key):
        if value != ALL:
            yield (*key[:d], ALL, *key[d + 1:])


def _violates(line: _Line, state: _State) -> bool:
    entries = [m for m in [*line.members, line.total] if state.filled(m) and m in state.hidden]
    if not entries:
        return False
    if len(entries) == 1:
        return True
    return line.total not in state.hidden and sum(state.sizes[m][0] for m in entries) < state.k


def _suppress_one_more(line: _Line, state: _State) -> bool:
    """Hide one more entry of a violating line. First choice: the VALID total, when its own
    line can take the strain (it only serves comparisons); then the member whose hiding
    breaks the fewest other lines; then by ``cost``: not-stated sub-cells and margins before
    valid groups, then the smallest."""
    def free(m):
        return state.filled(m) and m not in state.hidden and not any(
            t in state.locked for t in state.ties.members(m))

    candidates = [m for m in line.members if free(m)]
    if line.total[line.dim] == VALID and free(line.total):
        candidates.append(line.total)
    if not candidates:
        return False  # settled by _verify
    chosen = min(candidates, key=lambda m: (
        not (m is line.total and _valid_can_hide(line, state)), _breaks(m, state), state.cost(m)))
    state.hidden.update(state.ties.members(chosen))
    return True


def _breaks(key: tuple, state: _State) -> int:
    """How many lines would violate rule 3 if ``key`` (and its ties) were hidden too."""
    added = set(state.ties.members(key)) - state.hidden
    state.hidden |= added
    broken = sum(_violates(line, state) for line in state.lines_of.get(key, ()))
    state.hidden -= added
    return broken


def _valid_can_hide(line: _Line, state: _State) -> bool:
    """Hiding the VALID cell is safe only if prefer-not-to-say or not answered beside it
    can share the hiding (otherwise VALID = total - those, and nothing is gained)."""
    d, total = line.dim, line.total
    parent = state.lines.get((d, (*total[:d], ALL, *total[d + 1:])))
    return parent is not None and any(
        state.filled(m) and m != total and (m in state.hidden or m not in state.locked)
        for m in parent.members)


def _verify(state: _State) -> None:
    """Last line of defence: every line must satisfy rule 3. A line whose members cannot
    protect it (rare: a filter atom holding a single group) has its total hidden too, with
    everything finer, until nothing is left to recover."""
    changed = True
    while changed:
        changed = False
        for line in state.lines.values():
            if not _violates(line, state):
                continue
            changed = True
            free = [m for m in line.members if state.filled(m) and m not in state.hidden]
            if free:
                state.hidden.add(min(free, key=state.cost))
            else:
                state.hidden.add(line.total)
            _inherit(state)


def _inherit(state: _State) -> None:
    for key in sorted(state.sizes, key=lambda key: -sum(_face(key))):
        if state.filled(key) and key not in state.hidden and any(p in state.hidden for p in _parents(key)):
            state.hidden.add(key)


class _Ties:
    """Cells that are the same people (a line with one non-empty member): hidden together."""

    def __init__(self):
        self.parent: dict[tuple, tuple] = {}
        self._classes: dict[tuple, list[tuple]] | None = None

    def find(self, key):
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, a, b):
        self.parent[self.find(a)] = self.find(b)
        self._classes = None

    def members(self, key) -> list[tuple]:
        if self._classes is None:
            self._classes = defaultdict(list)
            for member in {*self.parent, *self.parent.values()}:
                self._classes[self.find(member)].append(member)
        return self._classes.get(self.find(key)) or [key]


class TooManyCombinations(ValueError):
    """The cube has too many small cells to audit; the caller should ask for less."""


def _audit(state: _State) -> None:
    """Rule 4, exact: no hidden primary cell may follow from the shown figures by any
    combination of the sum relations (its unit vector must lie outside their row space).
    Line rules alone miss chains of relations; when the audit finds a pinned cell, the
    smallest shown cell beside it is hidden as well and the gate is checked again."""
    while pinned := _pinned(state):
        key, block = pinned[0]
        beside = _shown_beside(state, [key]) or _shown_beside(state, block)
        state.hidden.add(min(beside, key=state.cost))
        _inherit(state)
        _verify(state)


def _shown_beside(state: _State, keys) -> set[tuple]:
    return {m for key in keys for line in state.lines_of[key] for m in [*line.members, line.total]
            if state.filled(m) and m not in state.hidden}


def _pinned(state: _State) -> list[tuple[tuple, list[tuple]]]:
    """(pinned primary cell, the hidden cells its relations connect it to)."""
    hidden = sorted(m for m in state.hidden if state.filled(m))
    index = {key: i for i, key in enumerate(hidden)}
    rows = [[index[m] for m in [*line.members, line.total] if m in index]
            for line in state.lines.values()]
    equations = [(line, row) for line, row in zip(state.lines.values(), rows, strict=True) if row]
    blocks = _Ties()
    for _, row in equations:
        for i in row[1:]:
            blocks.join(row[0], i)
    found = []
    for block in _blocks(blocks, range(len(hidden))):
        if not any(state.sizes[hidden[i]][0] < state.k for i in block):
            continue
        if len(block) > MAX_AUDITED:
            raise TooManyCombinations(len(block))
        column = {i: c for c, i in enumerate(block)}
        matrix = np.zeros((sum(1 for _, row in equations if row[0] in column), len(block)))
        r = 0
        for line, row in equations:
            if row[0] not in column:
                continue
            for i in row:
                matrix[r, column[i]] = -1.0 if hidden[i] == line.total else 1.0
            r += 1
        spanned = _row_space_share(matrix, len(block))
        found += [(hidden[i], [hidden[j] for j in block]) for i in block if state.sizes[hidden[i]][0] < state.k
                  and spanned[column[i]] > 1 - 1e-9]
    return found


def _row_space_share(matrix: np.ndarray, width: int) -> np.ndarray:
    """For each unknown, the squared length of its unit vector's projection on the row space
    of ``matrix``: 1 means some combination of the relations gives that unknown exactly."""
    if not len(matrix):
        return np.zeros(width)
    q, r, _ = qr(matrix.T, mode="economic", pivoting=True)
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > max(matrix.shape) * np.finfo(float).eps * diagonal.max(initial=0.0)).sum())
    return (q[:, :rank] ** 2).sum(axis=1)


def _blocks(ties: "_Ties", items) -> list[list[int]]:
    grouped: dict = defaultdict(list)
    for i in items:
        grouped[ties.find(i)].append(i)
    return list(grouped.values())
