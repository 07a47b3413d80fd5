"""Every closed question by every group of one characteristic, as one grid (a heat map).

Each cell is a percentage taken from ``breakdown`` (so suppressed groups stay blank): the %
positive of a scale question (the Civil Service People Survey's headline figure), or, for a
choice question, the % choosing each answer (a row per answer). When the survey asks the
People Survey's five engagement questions (a grid with the code "engagement"), the first
row is the engagement index per group (``analysis.index``).
"""

from dataclasses import dataclass

from surveys.definition import for_version

from .breakdown import breakdown
from .exports.services import default_questions
from .exports.sheets import Sheet
from .filters import Filters
from .index import index_table
from .questions import characteristic_label
from .spec import BreakdownError

ENGAGEMENT_GRID = "engagement"
SHADES = 5  # colour steps of 20 points each: the number is always printed, colour only helps
GROUP_KINDS = ("group", "prefer_not_to_say", "not_answered")


@dataclass
class HeatRow:
    code: str  # question code ("engagement_index" for the index)
    text: str
    answer: str  # the answer counted ("" for % positive or the index)
    measure: str  # "pct_positive", "pct_answer" or "index"
    cells: list[dict]  # per column: {"value": 0-100 or None, "suppressed": bool, "n": int or None}


@dataclass
class HeatMap:
    characteristic: str
    columns: list[dict]  # {"group", "label", "kind"}; "Everyone" first
    rows: list[HeatRow]

    @property
    def title(self) -> str:
        return f"Every question by {characteristic_label(self.characteristic).lower()}"

    def sheet(self) -> Sheet:
        """The heat map as an export sheet: the same figures, suppressed cells blank."""
        columns = ["question", "text", "answer", "measure"]
        for column in self.columns:
            columns += [f"{column['label']}: %", f"{column['label']}: n", f"{column['label']}: suppressed"]
        rows = []
        for row in self.rows:
            values = [row.code, row.text, row.answer, row.measure]
            for cell in row.cells:
                values += [cell["value"], cell["n"], cell["suppressed"]]
            rows.append(values)
        return Sheet(name="Heat map", title=self.title, columns=columns, rows=rows)


def heat_map(survey, *, characteristic: str, filters: Filters | None = None, questions=None) -> HeatMap:
    """Raises BreakdownError for an unknown characteristic or bad filters."""
    codes = list(questions or default_questions(survey))
    if not codes:
        raise BreakdownError({"question": "This survey has no closed questions to show"})
    tables = [breakdown(survey, question=code, by=[characteristic], filters=filters) for code in codes]
    columns = _columns(tables)
    rows = []
    items = _engagement_items(survey)
    if items:
        index = index_table(survey, items=items, by=[characteristic], filters=filters)
        rows.append(HeatRow("engagement_index", "Engagement index (0 to 100)", "", "index",
                            _cells(columns, [index.total, *index.rows], lambda r: r["mean"])))
    for table in tables:
        rows += _question_rows(table, columns)
    return HeatMap(characteristic, columns, rows)


def _columns(tables) -> list[dict]:
    seen: dict[str, dict] = {"all": {"group": "all", "label": "Everyone", "kind": "total"}}
    for table in tables:
        for row in table.rows:
            if row["kind"] in GROUP_KINDS and row["group"] not in seen:
                seen[row["group"]] = {"group": row["group"], "label": row["label"], "kind": row["kind"]}
    ordered = sorted(seen.values(), key=lambda c: ({"total": 0, "group": 1}.get(c["kind"], 2)))
    return ordered


def _question_rows(table, columns) -> list[HeatRow]:
    rows = [table.total, *table.rows]
    if table.question_type == "scale":
        return [HeatRow(table.question, table.question_text, "", "pct_positive",
                        _cells(columns, rows, lambda r: r["pct_positive"]))]
    answers = [e for e in table.total["distribution"] or [] if not e["special"]]
    if not answers:  # everyone suppressed: one row of blanks rather than nothing
        return [HeatRow(table.question, table.question_text, "", "pct_answer", _cells(columns, rows, lambda r: None))]
    return [HeatRow(table.question, table.question_text, answer["label"], "pct_answer",
                    _cells(columns, rows, lambda r, value=answer["value"]: _share(r, value)))
            for answer in answers]


def _share(row, value):
    entry = next((e for e in row["distribution"] or [] if e["value"] == value), None)
    return entry and entry["pct"]


def _cells(columns, rows, value_of) -> list[dict]:
    by_group = {r["group"]: r for r in rows}
    cells = []
    for column in columns:
        row = by_group.get(column["group"])
        if row is None:
            cells.append({"value": None, "suppressed": False, "n": None, "shade": None})
            continue
        value = None if row["suppressed"] else value_of(row)
        cells.append({"value": value, "suppressed": row["suppressed"], "n": row["n"], "shade": shade(value)})
    return cells


def shade(value) -> int | None:
    """The colour step (0 lightest to 4 darkest) of a 0-100 figure."""
    return None if value is None else min(int(value // (100 / SHADES)), SHADES - 1)


def _engagement_items(survey) -> list[str]:
    definition = for_version(survey.current_version_id)
    grid = next((q for q in definition.questions if q["code"] == ENGAGEMENT_GRID and q["type"] == "grid"), None)
    return [item["code"] for item in grid["items"]] if grid else []
