"""The engagement index (0-100) and the heat map, against the breakdowns they are made of."""

import copy

from analysis.breakdown import breakdown
from analysis.heatmap import heat_map, shade
from analysis.index import index_table
from analysis.models import Target
from analysis.stats import target_status
from analysis.targets import target_statuses
from tests.analysis.conftest import DEFINITION, scores


def _engagement_survey(make_survey, add_responses):
    definition = copy.deepcopy(DEFINITION)
    grid = definition["pages"][1]["questions"][0]
    grid["code"] = "engagement"  # the People Survey's engagement questions, on a 1-7 scale here
    survey = make_survey(definition)
    rows = [{"sex": sex, "edi_1": a, "edi_2": b, "satisfaction": c}
            for sex, n in (("female", 40), ("male", 30))
            for a, b, c in zip(scores([7, 6, 5, 3], n), scores([2, 6, 7], n), scores([5, 4, 1], n), strict=True)]
    rows += [{"sex": "prefer_not_to_say", "edi_1": 7, "edi_2": 7}] * 3  # too few to report
    add_responses(survey, rows)
    return survey


def test_the_heat_map_leads_with_the_engagement_index(make_survey, add_responses):
    survey = _engagement_survey(make_survey, add_responses)
    grid = heat_map(survey, characteristic="sex")
    index = index_table(survey, items=["edi_1", "edi_2"], by=["sex"])
    first = grid.rows[0]
    assert first.code == "engagement_index"
    by_group = {r["group"]: r for r in [index.total, *index.rows]}
    for column, cell in zip(grid.columns, first.cells, strict=True):
        row = by_group[column["group"]]
        assert cell["suppressed"] == row["suppressed"] and cell["value"] == row["mean"]
        assert cell["shade"] == shade(row["mean"])
    female = by_group["female"]
    items = [next(r for r in breakdown(survey, question=q, by=["sex"]).rows if r["group"] == "female")
             for q in ("edi_1", "edi_2")]
    assert abs(female["mean"] - sum((r["mean"] - 1) / 6 * 100 for r in items) / 2) < 1e-9
    assert by_group["prefer_not_to_say"]["suppressed"]
    # Scale questions: % positive from breakdown, a row each.
    satisfaction = next(r for r in grid.rows if r.code == "satisfaction")
    table = breakdown(survey, question="satisfaction", by=["sex"])
    assert satisfaction.cells[0]["value"] == table.total["pct_positive"]
    assert grid.sheet().rows[0][:4] == ["engagement_index", "Engagement index (0 to 100)", "", "index"]


def test_an_index_target_uses_the_index_and_its_conservative_interval(make_survey, add_responses):
    survey = _engagement_survey(make_survey, add_responses)
    target = Target.objects.create(programme=survey.programme, name="Engagement", measure="index",
                                   question_codes=["edi_1", "edi_2"], threshold=50, characteristics=["sex"])
    statuses = target_statuses(survey, targets=[target])
    index = index_table(survey, items=["edi_1", "edi_2"], by=["sex"])
    assert [s["question"] for s in statuses] == ["index"] * len(statuses)
    for status, row in zip(statuses, [index.total, *[r for r in index.rows if r["kind"] == "group"]], strict=True):
        assert status["estimate"] == row["mean"] and status["ci_low"] == row["ci_low"]
        assert status["status"] == (None if row["suppressed"] else target_status(row["ci_low"], row["ci_high"], 50))
    # Never narrower than each item's own interval averaged: the mean of bounds.
    item_widths = [100 * (t.total["ci_high"] - t.total["ci_low"]) / 6
                   for t in (breakdown(survey, question=q, by=["sex"]) for q in ("edi_1", "edi_2"))]
    assert abs((index.total["ci_high"] - index.total["ci_low"]) - sum(item_widths) / 2) < 1e-9


def test_at_most_targets_mirror_at_least():
    assert target_status(10, 20, 25, direction="at_most") == "met"
    assert target_status(26, 30, 25, direction="at_most") == "not_met"
    assert target_status(20, 30, 25, direction="at_most") == "inconclusive"
    assert target_status(20, 25, 25, direction="at_most") == "met"
    assert target_status(None, None, 25, direction="at_most") is None


def test_hostile_labels_are_inert_in_the_heat_map_export(make_survey, add_responses):
    import csv
    import io

    from analysis.exports.csv_format import sheets_to_csv

    definition = copy.deepcopy(DEFINITION)
    definition["pages"][0]["questions"][0]["options"][0]["label"] = '=HYPERLINK("http://evil.example","x")'
    survey = make_survey(definition)
    add_responses(survey, [{"sex": sex, "satisfaction": s} for sex in ("female", "male")
                           for s in scores([1, 3, 5], 30)])
    content = sheets_to_csv([heat_map(survey, characteristic="sex").sheet()], {"Survey": "t"}).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells if "HYPERLINK" in cell)
