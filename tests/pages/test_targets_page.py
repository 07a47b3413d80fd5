"""The targets board: one grid of targets by groups, figures from target_statuses."""

import re

from django.urls import reverse

from analysis.models import Target
from analysis.targets import target_statuses


def _board(client, survey, **params):
    response = client.get(reverse("analysis:survey-targets", args=[survey.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def _cells(html, row_text):
    """The cells of the board row whose header mentions ``row_text``."""
    row = re.search(rf"<tr class=\"govuk-table__row\">\s*<th scope=\"row\"[^>]*>[^<]*<span[^>]*>[^<]*</span>"
                    rf"[^<]*\({re.escape(row_text)}\).*?</tr>", html, re.DOTALL).group(0)
    return re.findall(r'<td class="govuk-table__cell app-board__cell">(.*?)</td>', row, re.DOTALL)


def test_the_board_is_one_grid_with_each_groups_status_and_interval(survey, analyst_client):
    target = Target.objects.create(programme=survey.programme, name="Satisfied residents",
                                   question_codes=["satisfaction"], threshold=3.5, characteristics=["sex"])
    html = _board(analyst_client, survey, by="sex")
    assert html.count("<table") == 1 and "<svg" not in html  # one grid, not a chart per group
    statuses = target_statuses(survey, targets=[target], only=["sex"])
    cells = _cells(html, "satisfaction")
    assert len(cells) == len(statuses) > 2
    tags = {"met": "Met", "not_met": "Not met", "inconclusive": "Inconclusive"}
    for status, cell in zip(statuses, cells, strict=True):
        if status["suppressed"]:
            assert "Suppressed" in cell and "n =" not in cell
        else:
            assert f">{tags[status['status']]}<" in cell
            assert f"{status['estimate']:.1f}" in cell
            assert f"({status['ci_low']:.1f} to {status['ci_high']:.1f})" in cell
            assert f"n = {status['n']}" in cell


def test_a_target_for_other_groups_only_shows_everyone(survey, analyst_client):
    Target.objects.create(programme=survey.programme, name="Satisfied", question_codes=["satisfaction"],
                          threshold=3.5, characteristics=["sex"])
    cells = _cells(_board(analyst_client, survey, by="age_band"), "satisfaction")
    assert "Not covered by this target" not in cells[0]
    assert all("Not covered by this target" in cell for cell in cells[1:])


def test_retired_targets_leave_the_board(survey, analyst_client):
    Target.objects.create(programme=survey.programme, name="Old target", question_codes=["satisfaction"],
                          threshold=3.5, retired_on="2026-01-01T00:00:00Z")
    html = _board(analyst_client, survey)
    assert "Old target" not in html and "has no targets" in html


def test_an_at_most_target_is_met_below_the_threshold(survey, analyst_client):
    target = Target.objects.create(programme=survey.programme, name="Few dissatisfied",
                                   question_codes=["satisfaction"], threshold=5, direction="at_most")
    everyone = target_statuses(survey, targets=[target])[0]
    assert everyone["ci_high"] <= 5 and everyone["status"] == "met"
    target.threshold = 1
    assert target_statuses(survey, targets=[target])[0]["status"] == "not_met"


def test_without_targets_the_page_says_so(survey, analyst_client):
    html = _board(analyst_client, survey)
    assert "has no targets" in html
    assert "Add a target" not in html  # analysts cannot add targets


def test_a_target_the_survey_cannot_work_out_is_explained_not_a_500(survey, analyst_client):
    Target.objects.create(programme=survey.programme, name="Broken", question_codes=["satisfaction"],
                          measure="pct_positive", threshold=50, positive=["nine"])
    Target.objects.create(programme=survey.programme, name="Fine", question_codes=["satisfaction"], threshold=3)
    html = _board(analyst_client, survey)
    assert "cannot be worked out" in html and "Broken: Not answers to ‘satisfaction’: nine" in html
    assert "(satisfaction)" in html  # the other target is still on the board
