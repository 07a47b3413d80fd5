"""Server-rendered SVG bar charts with confidence-interval whiskers.

No JavaScript, no third-party requests and no style attributes (the CSP forbids inline
styles): colours and lines are SVG presentation attributes. Each chart carries a <title> and
<desc> and sits beside an HTML table of the same figures for screen-reader users. Marks that
carry data have 3:1 contrast with the page and with the bars they cross (WCAG 1.4.11), and
classes name what they are: app-chart__bar, __interval, __reference, __marker, the group
__label, and the __key text saying what a reference line or marker means.
"""

import textwrap
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# GOV.UK Design System colours.
BAR, BAR_MUTED, INK, TARGET, GRID = "#1d70b8", "#b1b4b6", "#0b0c0c", "#d4351c", "#f3f2f1"
WIDTH, VALUE_W, ROW_H, TOP, BOTTOM = 720, 110, 34, 28, 34
CHAR_W = 7.6  # average width of a 15px Arial character: sizes the label column to the labels
LINE_H = 18  # a wrapped label's line height: long labels wrap onto more lines, never cut


@dataclass
class Bar:
    label: str
    value: float | None  # None: suppressed or no data, drawn as a note rather than a bar
    low: float | None = None
    high: float | None = None
    note: str = ""  # shown instead of the value, e.g. "suppressed: fewer than 10"
    marker: float | None = None  # a comparison value drawn as a tick across the bar (e.g. population)


def bar_chart(bars: list[Bar], *, title: str, axis_min: float, axis_max: float,
              unit: str = "", reference: float | None = None, reference_label: str = "",
              marker_label: str = "", chart_id: str = "chart") -> SafeString:
    """A horizontal bar chart: one bar per group, whiskers from ``low`` to ``high``, an optional
    dashed reference line (a target) and per-bar markers (``marker_label`` explains them)."""
    label_w = min(max(CHAR_W * max([len(b.label) for b in bars] + [8]) + 16, 140), 330)
    plot_w = WIDTH - label_w - VALUE_W
    labels = [textwrap.wrap(b.label, int((label_w - 16) / CHAR_W)) or [""] for b in bars]
    heights = [max(ROW_H, LINE_H * len(lines) + 16) for lines in labels]
    base = TOP + sum(heights)
    height = base + BOTTOM + (24 if marker_label else 0)

    def x(value: float) -> float:
        clipped = min(max(value, axis_min), axis_max)
        return label_w + (clipped - axis_min) / (axis_max - axis_min or 1) * plot_w

    parts = [_tag("svg", xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {WIDTH} {height}",
                  width="100%", role="img", class_="app-chart", **{"aria-labelledby": f"{chart_id}-t {chart_id}-d"}),
             f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
             f'<desc id="{escape(chart_id)}-d">{escape(_describe(bars, unit))}</desc>']
    parts += _axis(x, axis_min, axis_max, base, unit)
    top = TOP
    for bar, lines, row_h in zip(bars, labels, heights, strict=True):
        parts += _row(bar, lines, top, row_h, x, axis_min, unit, label_w)
        top += row_h
    if reference is not None:
        rx = x(reference)
        parts.append(_tag("line", x1=rx, x2=rx, y1=TOP - 8, y2=base, stroke=TARGET, class_="app-chart__reference",
                          **{"stroke-width": 2, "stroke-dasharray": "6 4"}, close=True))
        parts.append(_text(reference_label or f"Target {_fmt(reference)}{unit}", rx, TOP - 12,
                           fill=TARGET, anchor="middle", class_="app-chart__key"))
    if marker_label:
        parts.append(_tag("line", x1=label_w, x2=label_w + 24, y1=height - 10, y2=height - 10, stroke=INK,
                          **{"stroke-width": 4}, close=True))
        parts.append(_text(marker_label, label_w + 32, height - 5, size=13, class_="app-chart__key"))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _row(bar: Bar, lines: list[str], top: float, row_h: float, x, axis_min: float, unit: str,
         label_w: float) -> list[str]:
    mid = top + row_h / 2
    first = mid + 5 - LINE_H * (len(lines) - 1) / 2
    parts = [_text(lines, label_w - 8, first, anchor="end", class_="app-chart__label")]
    if bar.value is None:
        parts.append(_text(bar.note or "no data", label_w + 6, mid + 5, fill="#505a5f", italic=True))
        return parts
    parts.append(_tag("rect", x=x(axis_min), y=mid - ROW_H / 2 + 7, width=max(x(bar.value) - x(axis_min), 1),
                      height=ROW_H - 14, fill=BAR, class_="app-chart__bar", close=True))
    if bar.low is not None and bar.high is not None:
        lo, hi = x(bar.low), x(bar.high)
        parts += [_tag("line", x1=x1, x2=x2, y1=y1, y2=y2, stroke=INK, class_="app-chart__interval",
                       **{"stroke-width": 2}, close=True)
                  for x1, x2, y1, y2 in ((lo, hi, mid, mid), (lo, lo, mid - 7, mid + 7), (hi, hi, mid - 7, mid + 7))]
    if bar.marker is not None:  # ink, not red: red on the blue bar would be 1.1:1
        mx = x(bar.marker)
        parts.append(_tag("line", x1=mx, x2=mx, y1=mid - ROW_H / 2 + 3, y2=mid + ROW_H / 2 - 3, stroke=INK,
                          class_="app-chart__marker",
                          **{"stroke-width": 4}, close=True))
    parts.append(_text(f"{_value(bar.value)}{unit}", WIDTH - VALUE_W + 8, mid + 5, bold=True))
    return parts


def _axis(x, axis_min, axis_max, base, unit) -> list[str]:
    parts = [_tag("line", x1=x(axis_min), x2=x(axis_max), y1=base, y2=base, stroke=INK, close=True)]
    for tick in _ticks(axis_min, axis_max):
        tx = x(tick)
        parts.append(_tag("line", x1=tx, x2=tx, y1=TOP - 4, y2=base, stroke=GRID, close=True))
        parts.append(_text(f"{_fmt(tick)}{unit}", tx, base + 20, anchor="middle", size=13))
    return parts


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 25, 50, 100) if span / s <= 10)
    first = -(-low // step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _describe(bars: list[Bar], unit: str) -> str:
    shown = [f"{b.label} {_value(b.value)}{unit}" for b in bars if b.value is not None]
    hidden = [b.label for b in bars if b.value is None]
    text = "; ".join(shown)
    return text + (f". Not shown: {', '.join(hidden)}." if hidden else ".")


def _value(value: float) -> str:
    """A bar's figure: one decimal place always (6.0, not 6), whole numbers for counts."""
    return f"{value:,}" if isinstance(value, int) else f"{value:.1f}"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def _text(content: str | list[str], x: float, y: float, *, anchor: str = "start", fill: str = INK, size: int = 15,
          bold: bool = False, italic: bool = False, class_: str = "") -> str:
    attrs = {"x": x, "y": y, "fill": fill, "font-size": size, "text-anchor": anchor,
             "font-family": "Arial, sans-serif"}
    if class_:
        attrs["class_"] = class_
    if bold:
        attrs["font-weight"] = "bold"
    if italic:
        attrs["font-style"] = "italic"
    if isinstance(content, str):
        return _tag("text", **attrs) + escape(content) + "</text>"
    # Lines as tspans of one text element, so its text (what assistive tools read) is the whole label.
    spans = [_tag("tspan", x=x, dy=0 if i == 0 else LINE_H) + escape(line) + (" " if i < len(content) - 1 else "")
             + "</tspan>" for i, line in enumerate(content)]
    return _tag("text", **attrs) + "".join(spans) + "</text>"


def _tag(name: str, close: bool = False, **attrs) -> str:
    rendered = " ".join(f'{k.rstrip("_")}="{escape(_num(v))}"' for k, v in attrs.items())
    return f"<{name} {rendered}{' /' if close else ''}>"


def _num(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)
