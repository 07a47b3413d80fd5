"""Trend and heat map pages: figures from trends.trend / breakdown, tests of change, exports."""

import csv
import io
import re

import openpyxl
from django.urls import reverse

from analysis import stats
from analysis.breakdown import breakdown
from analysis.heatmap import heat_map
from analysis.index import index_table
from analysis.trends import trend
from engagement.models import AuditEvent
from tests.pages.conftest import signed_in


def _get(client, survey, name, **params):
    return client.get(reverse(f"analysis:{name}", args=[survey.slug]), params)


def test_the_trend_page_charts_and_tables_each_quarter_with_the_change_its_interval_and_test(survey, analyst_client):
    html = _get(analyst_client, survey, "survey-trend", question="satisfaction", period="month").content.decode()
    table = trend(survey, question="satisfaction", period="month")
    shown = [r for r in table.rows if not r["suppressed"]]
    assert len(shown) >= 3
    assert 'role="img"' in html and "<table" in html  # a chart that is also a table
    for row in shown:
        assert re.search(rf">{row['period']}</th>\s*<td[^>]*>Everyone</td>\s*<td[^>]*>{row['n']}</td>\s*"
                         rf"<td[^>]*>{row['mean']:.2f}</td>\s*<td[^>]*>{row['ci_low']:.2f} to {row['ci_high']:.2f}<",
                         html)
    first, second = table.rows[0], table.rows[1]
    _, p = stats.welch((first["n"], first["mean"], first["sd"]), (second["n"], second["mean"], second["sd"]))
    interval = stats.mean_change((first["n"], first["mean"], first["sd"]), (second["n"], second["mean"], second["sd"]))
    low, high = interval["ci_low"], interval["ci_high"]
    change = re.search(rf">Everyone</th>\s*<td[^>]*>{first['period']}</td>\s*<td[^>]*>{second['period']}</td>"
                       r"\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>", html)
    assert change.groups() == (f"{second['mean'] - first['mean']:+.2f}", f"{low:.2f} to {high:.2f}", f"{p:.3f}")


def test_a_trend_by_group_shows_suppressed_groups_as_suppressed(survey, analyst_client):
    html = _get(analyst_client, survey, "survey-trend", question="satisfaction", period="month",
                by="sexual_orientation").content.decode()
    table = trend(survey, question="satisfaction", period="month", by=["sexual_orientation"])
    hidden = [r for r in table.rows if r["suppressed"]]
    assert hidden, "the fixture should have small groups"
    assert html.count("Suppressed: too few responses to report safely") == len(hidden)
    assert html.count("suppressed: too few to report") == len(hidden)  # the chart's notes


def test_bad_trend_input_is_a_message_not_a_500(survey, analyst_client):
    for params in ({"question": "nope", "period": "month"}, {"question": "satisfaction", "period": "decade"},
                   {"question": "satisfaction", "period": "month", "by": "'; drop table"}):
        response = _get(analyst_client, survey, "survey-trend", **params)
        assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_the_heat_map_shows_every_question_by_every_group_with_numbers_and_marks(survey, analyst_client):
    html = _get(analyst_client, survey, "survey-heatmap", by="age_band").content.decode()
    table = breakdown(survey, question="satisfaction", by=["age_band"])
    row = re.search(r"How satisfied.*?</tr>", html, re.DOTALL).group(0)
    cells = re.findall(r"<td [^>]*>(.*?)</td>", row)
    expected = [table.total, *[r for r in table.rows if r["kind"] == "group"],
                *[r for r in table.rows if r["kind"] != "group"]]
    assert len(cells) == len(expected)
    for cell, group in zip(cells, expected, strict=True):
        assert cell == ("Suppressed" if group["suppressed"] else f"{group['pct_positive']:.0f}%")
    assert any(r["suppressed"] for r in expected) and any(not r["suppressed"] for r in expected)
    for answer in breakdown(survey, question="services_used", by=["age_band"]).total["distribution"]:
        assert f"% “{answer['label']}”" in html  # a choice question has a row per answer


def test_heat_map_colour_is_never_the_only_signal(survey, analyst_client):
    html = _get(analyst_client, survey, "survey-heatmap", by="sex").content.decode()
    for cls, content in re.findall(r'class="[^"]*app-heat--(\d)">([^<]*)<', html):
        assert re.fullmatch(r"\d+%?|\d+–\d+", content), (cls, content)


def test_the_heat_map_exports_as_csv_and_xlsx_and_is_audited(survey, analyst_client):
    grid = heat_map(survey, characteristic="sex")
    response = _get(analyst_client, survey, "survey-heatmap", by="sex", format="csv")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    body = [r for r in rows if not r[0].startswith("#")]
    assert len(body) == len(grid.rows) + 1
    xlsx = _get(analyst_client, survey, "survey-heatmap", by="sex", format="xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert any(ws.max_row >= len(grid.rows) for ws in book.worksheets)
    events = AuditEvent.objects.filter(action="export.heatmap")
    assert events.count() == 2 and {e.detail["format"] for e in events} == {"csv", "xlsx"}


def test_the_index_is_the_mean_of_the_rescaled_item_means(survey):
    index = index_table(survey, items=["satisfaction", "transport_rating"], by=["sex"])
    tables = [breakdown(survey, question=q, by=["sex"]) for q in ("satisfaction", "transport_rating")]
    for row in [index.total, *index.rows]:
        items = [next(r for r in [t.total, *t.rows] if r["group"] == row["group"]) for t in tables]
        if any(r["suppressed"] for r in items):
            assert row["suppressed"] and row["mean"] is None
            continue
        expected = ((items[0]["mean"] - 1) / 4 * 100 + items[1]["mean"] / 10 * 100) / 2
        assert abs(row["mean"] - expected) < 1e-9
        assert row["ci_low"] < row["mean"] < row["ci_high"]


def test_only_analysts_of_the_programme_see_trends_and_heat_maps(survey, outsider, author):
    for user in (outsider, author):
        client = signed_in(user)
        assert _get(client, survey, "survey-trend", question="satisfaction", period="month").status_code == 403
        assert _get(client, survey, "survey-heatmap", by="sex").status_code == 403
        assert _get(client, survey, "survey-heatmap", by="sex", format="csv").status_code == 403
    assert not AuditEvent.objects.filter(action="export.heatmap").exists()


def test_waves_are_the_programmes_surveys_not_their_easy_read_variants(survey, published_survey, analyst_client):
    from surveys.models import Survey
    from tests.exports.helpers import add_responses

    later = published_survey(slug="citizens-voice-2027")
    add_responses(later, count=150, seed=9)
    easy = published_survey(slug="citizens-voice-2026-easy-read")
    Survey.objects.filter(pk=easy.pk).update(variant_of=survey, variant_kind="easy_read")
    html = _get(analyst_client, survey, "survey-trend", question="satisfaction", period="wave").content.decode()
    periods = re.findall(r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*<td[^>]*>Everyone', html)
    assert periods[:2] == [survey.slug, later.slug] and easy.slug not in periods


def test_every_heat_map_cell_is_a_figure_breakdown_already_shows(survey):
    """The heat map reveals nothing new: each cell is the shown breakdown figure of its group,
    and a group breakdown suppresses is suppressed in every cell of its question."""
    grid = heat_map(survey, characteristic="sexual_orientation")
    tables = {}
    for row in grid.rows:
        table = tables.setdefault(row.code, breakdown(survey, question=row.code, by=["sexual_orientation"]))
        groups = {r["group"]: r for r in [table.total, *table.rows]}
        for column, cell in zip(grid.columns, row.cells, strict=True):
            group = groups.get(column["group"])
            if group is None:
                assert cell["value"] is None
                continue
            assert cell["suppressed"] == group["suppressed"]
            if group["suppressed"]:
                assert cell["value"] is None and cell["n"] is None
            elif row.measure == "pct_positive":
                assert cell["value"] == group["pct_positive"]
            else:
                entry = next(e for e in group["distribution"] if e["label"] == row.answer)
                assert cell["value"] == entry["pct"]
    assert any(c["suppressed"] for r in grid.rows for c in r.cells)
