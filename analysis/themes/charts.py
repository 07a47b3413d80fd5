"""A chart of theme counts by group: the share of each group's answers mentioning one theme.

Drawn from ``ThemeCounts`` (already gated: a suppressed group is a note, never a bar) with
the same SVG helper as every other analysis chart, beside the table of the same figures.
"""

from django.utils.safestring import SafeString

from ..exports.charts import Bar, bar_chart
from .counts import ThemeCounts


def theme_chart(counts: ThemeCounts, theme: str | None) -> tuple[SafeString, str] | None:
    """(chart, theme charted) for ``theme`` (default: the first) by group; None when the
    counts are not broken down or there are no themes."""
    if not counts.by or not counts.themes:
        return None
    chosen = theme if theme in counts.themes else counts.themes[0]
    index = counts.themes.index(chosen)
    bars = [Bar(row["label"], row["pcts"][index], note="suppressed: too few to report" if row["suppressed"]
                else "no answers") for row in [*counts.rows, counts.total]]
    chart = bar_chart(bars, title=f"Answers mentioning “{chosen}”, % of each group's answers, by "
                                  f"{counts.by_label.lower()}", axis_min=0,
                      axis_max=max([b.value or 0 for b in bars] + [10]), unit="%", chart_id="theme-chart")
    return chart, chosen
