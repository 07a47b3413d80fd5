"""The targets board as one grid: a row per (target, question), a column per group.

Every cell is a status from ``targets.target_statuses`` (so every figure has been through
the disclosure gate) and each row carries the everyone figure of recent periods from
``trends.trend``. One grid, not a chart per group: a board of many groups stays one screen
tall and cheap to render.
"""

from collections import Counter
from dataclasses import dataclass, field

from surveys.definition import for_version

from . import frames
from .questions import characteristic_label, closed_question
from .spec import BreakdownError
from .targets import INDEX, target_statuses
from .trends import default_waves, trend

TREND_PERIODS = 4  # most recent periods shown beside each row


@dataclass
class Column:
    characteristic: str | None  # None: everyone
    group: str
    label: str


@dataclass
class BoardRow:
    target: str
    target_id: int
    question: str
    question_text: str
    measure: str
    direction: str
    threshold: float
    cells: list[dict | None]  # one per column; None: the target does not cover that group
    counts: Counter
    trend: list[dict] = field(default_factory=list)  # [{period, estimate}] oldest first
    trend_period: str = ""
    positive: str = ""  # the target's positive answers, comma-separated, for the trend link

    @property
    def unit(self) -> str:
        return "%" if self.measure == "pct_positive" else ""


@dataclass
class Board:
    columns: list[Column]
    headers: list[tuple[str, int]]  # (characteristic label, columns spanned), in column order
    rows: list[BoardRow]
    problems: list[str] = field(default_factory=list)  # targets that could not be worked out, and why

    @property
    def counts(self) -> Counter:
        return sum((row.counts for row in self.rows), Counter())


def target_board(survey, *, characteristic: str | None = None, user=None, with_trends: bool = True) -> Board:
    """The board of the survey programme's current targets (analyst role when ``user``):
    everyone, then the groups of ``characteristic`` (None: of every characteristic, which
    costs one breakdown per question and characteristic)."""
    targets = {t.pk: t for t in frames.targets_for(survey)}
    statuses, problems = [], []
    for target in targets.values():  # one at a time: a target this survey cannot answer spoils no other
        try:
            statuses += target_statuses(survey, targets=[target], user=user,
                                        only=None if characteristic is None else [characteristic])
        except BreakdownError as exc:
            problems.append(f"{target.name}: {'; '.join(exc.errors.values())}")
    columns: dict[tuple, Column] = {}
    grouped: dict[tuple, list[dict]] = {}
    for status in statuses:
        key = (status["characteristic"], status["group"])
        if key not in columns:
            label = "Everyone" if status["kind"] == "total" else status["label"]
            columns[key] = Column(status["characteristic"], status["group"], label)
        grouped.setdefault((status["target_id"], status["question"]), []).append(status)
    ordered = sorted(columns, key=lambda k: (k[0] is not None, list(columns).index(k)))
    definition = for_version(survey.current_version_id)
    rows = []
    for (target_id, question), found in grouped.items():
        by_key = {(s["characteristic"], s["group"]): s for s in found}
        first = found[0]
        row = BoardRow(target=first["target"], target_id=target_id, question=question,
                       question_text=_question_text(question, definition), measure=first["measure"],
                       direction=first["direction"], threshold=first["threshold"],
                       cells=[by_key.get(k) for k in ordered],
                       counts=Counter(s["status"] for s in found if s["status"]),
                       positive=",".join(targets[target_id].positive or []))
        if with_trends and question != INDEX:
            row.trend_period, row.trend = _recent(survey, question, first["measure"], targets[target_id].positive)
        rows.append(row)
    return Board([columns[k] for k in ordered], _headers([columns[k] for k in ordered]), rows, problems)


def _headers(columns: list[Column]) -> list[tuple[str, int]]:
    headers: list[tuple[str, int]] = []
    for column in columns:
        label = "Everyone" if column.characteristic is None else characteristic_label(column.characteristic)
        if headers and headers[-1][0] == label:
            headers[-1] = (label, headers[-1][1] + 1)
        else:
            headers.append((label, 1))
    return headers


def _question_text(question, definition) -> str:
    if question == INDEX:
        return "Index of the target's questions (0 to 100)"
    asked = closed_question(definition, question)
    return asked.text if asked else question


def _recent(survey, question, measure, positive) -> tuple[str, list[dict]]:
    waves = default_waves(survey, question)
    period = "wave" if len(waves) > 1 else "quarter"
    try:
        table = trend(survey, question=question, period=period, positive=positive or None,
                      waves=waves if period == "wave" else None)
    except BreakdownError:
        return period, []
    key = "pct_positive" if measure == "pct_positive" else "mean"
    totals = [{"period": r["period"], "estimate": None if r["suppressed"] else r[key]} for r in table.rows]
    return period, totals[-TREND_PERIODS:]
