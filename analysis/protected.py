"""The protected table of a scope: the one disclosure decision every output of it shares.

A scope is a survey, the characteristics a result is broken down by and the filter
dimensions (month, channel, answers) its filters cut into atoms. Its protected table is the
disclosure gate (``analysis.disclosure``) settled over *respondents* in that scope. Every
output starts from it (issue 15, finding 1):

- the representativeness page and channel reach publish its counts directly;
- a breakdown (and so targets, the heat map, the index, trends, exports and the API) builds
  its question's cube with the scope's hidden cells seeded in (``question_cube``), so it
  hides at least those, and more only where the question's own counts need it;
- theme counts by a characteristic seed the scope's hidden groups the same way.

So no two outputs choose different cells to hide for the same scope: a sum on one page
minus a cell shown on another never isolates a hidden group. See docs/analysis.md.
"""

from collections.abc import Iterable

from . import frames
from .cube import Cube, build_cube, settle
from .disclosure import Dim, Gate
from .spec import Spec


def respondents(survey, by: Iterable[str], *, atoms: Iterable[str] = (), filters=None) -> Gate:
    """The protected table of respondents per group of ``by`` (characteristic codes, in the
    order the caller's keys use; breakdowns sort them) within each filter atom."""
    by, atoms = tuple(by), tuple(atoms)
    frame = frames.grouped_counts(survey, question=None, by=by, atoms=atoms, filters=filters)
    sized = frame.groupby([*by, *atoms], sort=True)["count"].sum()
    fine = {(key if isinstance(key, tuple) else (key,)): (int(n), int(n)) for key, n in sized.items()}
    return settle(fine, [Dim(d) for d in by] + [Dim(a, "atom") for a in atoms], survey.min_group_size)


def question_cube(spec: Spec) -> Cube:
    """A question's cube for ``spec``, hiding at least what the scope's protected table hides."""
    scope = respondents(spec.survey, spec.dims, atoms=spec.atoms, filters=spec.filters)
    frame = frames.grouped_counts(spec.survey, question=spec.question.code, by=spec.dims, atoms=spec.atoms,
                                  filters=spec.filters)
    return build_cube(spec, frame, seed=scope.suppressed)
