"""Issue 18's smaller points: the printable report's defaults, date hints, "Not answered" in
charts, long chart labels, and what a staff survey is compared with."""

import datetime
import re

from django.urls import reverse

from analysis.breakdown import breakdown
from analysis.exports.charts import Bar, bar_chart
from analysis.exports.report import chart_for
from analysis.exports.services import default_questions
from analysis.forms import survey_characteristics
from analysis.population import population_load_builtin, population_load_demo_workforce
from surveys.waves.models import Wave


def test_the_report_with_nothing_picked_shows_every_question(survey, analyst_client):
    html = analyst_client.get(reverse("analysis:survey-report", args=[survey.slug])).content.decode()
    questions = default_questions(survey)
    headings = re.findall(r'<h2 class="govuk-heading-m" id="section-\d+"><span class="govuk-caption-m">By ([^<]*)</span>'
                          r"([^<]*)</h2>", html)
    assert len(questions) >= 3
    # Every question, by the survey's first characteristic until another is picked.
    first = survey_characteristics(survey)[0]
    assert headings == [(first[1], breakdown(survey, question=code, by=[first[0]]).question_text)
                        for code in questions]


def test_date_filters_have_a_hint_that_matches_the_date_picker(survey, analyst_client):
    html = analyst_client.get(reverse("analysis:survey-breakdown", args=[survey.slug])).content.decode()
    assert 'type="date"' in html
    assert "2026-01-01" not in html  # the old hint showed a format the picker does not use
    assert "Use the date picker, or type the day, month and year" in html


def test_not_answered_is_charted_as_well_as_tabled(survey):
    table = breakdown(survey, question="satisfaction", by=["sex"])
    assert any(r["kind"] == "not_answered" for r in table.rows)
    chart, _ = chart_for(table)
    assert ">Not answered</tspan></text>" in chart


def test_long_labels_wrap_instead_of_being_cut():
    label = "Disabled under the Equality Act and caring for someone 20 or more hours a week"
    svg = str(bar_chart([Bar(label, 5.0, 4.0, 6.0), Bar("Everyone", 5.5)], title="t", axis_min=1, axis_max=7))
    first = re.search(r'class="app-chart__label">(.*?)</text>', svg).group(1)
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", first)
    assert "…" not in svg and len(lines) > 1 and "".join(lines) == label


def test_a_staff_survey_is_compared_with_the_workforce_by_default(survey, analyst_client):
    population_load_builtin()
    population_load_demo_workforce()
    url = reverse("analysis:survey-representativeness", args=[survey.slug])
    assert "compared with: LCR Equality Strategy" in _reference_line(analyst_client.get(url).content.decode())
    today = datetime.date.today()
    Wave.objects.create(survey=survey, name="2026", opens_on=today, closes_on=today)
    html = analyst_client.get(url).content.decode()
    assert "compared with: LCR Combined Authority workforce (demo)" in _reference_line(html)


def _reference_line(html) -> str:
    selected = re.search(r'<select[^>]*name="reference".*?</select>', html, re.DOTALL).group(0)
    return "compared with: " + re.search(r'<option value="[^"]*" selected>([^<]*)<', selected).group(1)
