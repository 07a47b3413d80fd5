"""The readable report: findings, an SVG chart and a table per breakdown.

Shown as a staff page (GOV.UK layout, print stylesheet) and downloaded as one standalone
HTML file (its small stylesheet embedded, no external requests) that prints to PDF.
"""

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ..breakdown import BreakdownTable
from ..questions import characteristic_label
from ..themes.report import report_section
from .charts import Bar, bar_chart
from .findings import findings

STANDALONE_CSS = Path(__file__).resolve().parents[1] / "static" / "analysis" / "report.css"


@dataclass
class Section:
    table: BreakdownTable
    chart: SafeString
    findings: list[str]
    option: dict | None  # choice questions: the answer charted, {value, label}
    options: list[dict]  # choice questions: every answer, the table's columns
    rows: list[dict]  # the table's rows then its total; choice rows gain "pcts" in options order

    @property
    def by_label(self) -> str:
        return " and ".join(characteristic_label(c) for c in self.table.by)


def chart_for(table: BreakdownTable, *, option: str | None = None, reference: float | None = None,
              chart_id: str = "chart") -> tuple[SafeString, dict | None]:
    """Mean with 95% CI per group (scale questions), or % giving ``option`` (choice questions;
    the first answer by default). Suppressed groups are drawn as a note, never a bar."""
    rows = [*table.rows, table.total]  # "Not answered" too, as in the table
    if table.question_type == "scale":
        bars = [Bar(r["label"], r["mean"], r["ci_low"], r["ci_high"], _note(r)) for r in rows]
        title = f"{table.question_text}: mean score by group, with 95% confidence intervals"
        return bar_chart(bars, title=title, axis_min=table.scale["min"], axis_max=table.scale["max"],
                         reference=reference, chart_id=chart_id), None
    chosen = _option(table, option)
    bars = []
    for r in rows:
        entry = next((e for e in r["distribution"] or [] if e["value"] == chosen["value"]), None)
        bars.append(Bar(r["label"], entry and entry["pct"], entry and entry["ci_low"],
                        entry and entry["ci_high"], _note(r)))
    title = f"{table.question_text}: % answering “{chosen['label']}”, with 95% confidence intervals"
    return bar_chart(bars, title=title, axis_min=0, axis_max=100, unit="%", chart_id=chart_id), chosen


def answer_options(table: BreakdownTable) -> list[dict]:
    entries = table.total.get("distribution") or []
    return [{"value": e["value"], "label": e["label"]} for e in entries if not e["special"]]


def _option(table, wanted) -> dict:
    options = answer_options(table) or [{"value": "", "label": "—"}]
    return next((o for o in options if o["value"] == wanted), options[0])


def _note(row) -> str:
    if row["suppressed"]:
        return "suppressed: too few to report"
    return "too few to show each answer" if row["n_answered"] else "no answers"


def sections(tables: list[BreakdownTable], references: dict[str, float] | None = None,
             option: str | None = None) -> list[Section]:
    """``references``: question code -> target line for its chart; ``option``: the answer
    charted for choice questions (default: the first)."""
    references = references or {}
    built = []
    for index, table in enumerate(tables):
        chart, chosen = chart_for(table, option=option, reference=references.get(table.question),
                                  chart_id=f"chart-{index}")
        options = answer_options(table) if table.question_type != "scale" else []
        built.append(Section(table, chart, findings(table), chosen, options, _rows(table, options)))
    return built


def _rows(table, options) -> list[dict]:
    rows = []
    for row in [*table.rows, table.total]:
        pct = {e["value"]: e["pct"] for e in row["distribution"] or []}
        rows.append({**row, "pcts": [pct.get(o["value"]) for o in options]})
    return rows


def render_report(survey, tables, about: dict[str, str], *, standalone: bool, request=None,
                  references=None, extra: dict | None = None) -> str:
    context = {"survey": survey, "sections": sections(tables, references), "about": about,
               "standalone": standalone, **(extra or {}),
               # Open-text themes (analysis/themes/report.py), broken down like the first table.
               "themes_section": report_section(survey, by=tables[0].by) if tables else ""}
    if standalone:
        context["css"] = STANDALONE_CSS.read_text()
        return render_to_string("analysis/report_standalone.html", context)
    return render_to_string("analysis/report_page.html", context, request=request)
