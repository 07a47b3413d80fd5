import re

from django.urls import reverse

from analysis.models import Target
from analysis.targets import target_statuses


def test_the_board_shows_each_group_status_and_gap(survey, analyst_client):
    Target.objects.create(programme=survey.programme, name="Satisfied residents", question_codes=["satisfaction"],
                          threshold=3.5, characteristics=["sex"])
    html = analyst_client.get(reverse("analysis:survey-targets", args=[survey.slug])).content.decode()
    statuses = target_statuses(survey)
    assert statuses
    tags = {"met": "Met", "not_met": "Not met", "inconclusive": "Inconclusive"}
    for status in statuses:
        label = "Everyone" if status["kind"] == "total" else f"Sex: {status['label']}"
        row = re.search(rf">{re.escape(label)}</th>(.*?)</tr>", html, re.DOTALL).group(1)
        if status["suppressed"]:
            assert "Suppressed" in row
        else:
            assert tags[status["status"]] in row
            assert f"{status['gap']:+.2f}" in row
    assert 'stroke-dasharray="6 4"' in html  # the target line on the chart


def test_without_targets_the_page_says_so(survey, analyst_client):
    html = analyst_client.get(reverse("analysis:survey-targets", args=[survey.slug])).content.decode()
    assert "has no targets" in html
