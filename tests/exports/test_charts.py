from analysis.exports.charts import Bar, bar_chart


def _chart(**extra):
    bars = [Bar("<script>alert(1)</script>", 5.2, 4.9, 5.5), Bar("Small group", None, note="suppressed"),
            Bar("Everyone", 6.0, 5.8, 6.2, marker=5.0)]
    return str(bar_chart(bars, title="Mean & CI", axis_min=1, axis_max=7, **extra))


def test_labels_are_escaped_and_there_are_no_style_attributes():
    svg = _chart()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert " style=" not in svg
    assert "Mean &amp; CI" in svg


def test_suppressed_bars_are_a_note_not_a_bar():
    svg = _chart()
    assert svg.count("<rect") == 2
    assert ">suppressed</text>" in svg
    assert "Not shown: Small group." in svg  # the <desc> for screen readers


def test_values_keep_one_decimal_and_the_target_line_is_drawn():
    svg = _chart(reference=6.0, marker_label="Population share")
    assert ">6.0</text>" in svg
    assert 'stroke-dasharray="6 4"' in svg and "Target 6" in svg
    assert "Population share" in svg
    assert 'role="img"' in svg and 'aria-labelledby="chart-t chart-d"' in svg
