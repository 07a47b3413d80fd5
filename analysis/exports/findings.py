"""Plain-language findings from a BreakdownTable: one sentence per group that differs.

Only figures the table already shows are used (suppressed rows have none), and "everyone
else" is read back from the table (mean - diff_vs_rest), never recomputed. Significance is
the table's corrected p-value (Holm or Benjamini-Hochberg, standards.md §4.3).
"""

ALPHA = 0.05
CORRECTIONS = {"holm": "Holm", "bh": "Benjamini-Hochberg"}


def findings(table) -> list[str]:
    """Sentences for significant differences, then one line saying what else was found."""
    rows = [r for r in table.rows if r["kind"] == "group" and not r["suppressed"]]
    if table.question_type == "scale":
        sentences = [_scale(r) for r in rows if _significant(r.get("p_adjusted"))]
    else:
        sentences = [_option(r, e) for r in rows for e in r.get("distribution") or []
                     if not e.get("special") and _significant(e.get("p_adjusted"))]
    tested = any(r.get("p_adjusted") is not None or any(
        e.get("p_adjusted") is not None for e in r.get("distribution") or []) for r in rows)
    correction = CORRECTIONS.get(table.correction, table.correction)
    if not tested:
        sentences.append("No group could be compared with everyone else: groups too small to report are "
                         "left out, and both sides of a comparison must be big enough.")
    elif sentences:
        sentences.append(f"No other group differed significantly from everyone else ({correction} correction "
                         "across the groups).")
    else:
        sentences.append(f"No group differed significantly from everyone else after {correction} correction.")
    suppressed = [r["label"] for r in table.rows if r["suppressed"] and r["kind"] != "total"]
    if suppressed:
        sentences.append(f"Not reported, to protect small groups (fewer than {table.min_group_size} people, "
                         f"or to stop them being worked out): {', '.join(suppressed)}.")
    return sentences


def _significant(p) -> bool:
    return p is not None and p < ALPHA


def _scale(row) -> str:
    diff, mean = row["diff_vs_rest"], row["mean"]
    rest = mean - diff
    direction = "higher" if diff > 0 else "lower"
    points = "point" if round(abs(diff), 1) == 1 else "points"
    return (f"{row['label']} respondents scored {abs(diff):.1f} {points} {direction} than everyone else "
            f"({mean:.1f} vs {rest:.1f}), a statistically significant difference after correction.")


def _option(row, entry) -> str:
    diff, pct = entry["diff_vs_rest"], entry["pct"]
    rest = pct - diff
    direction = "more" if diff > 0 else "less"
    return (f"{row['label']} respondents were {direction} likely than everyone else to answer "
            f"“{entry['label']}” ({pct:.0f}% vs {rest:.0f}%), a statistically significant difference "
            "after correction.")
