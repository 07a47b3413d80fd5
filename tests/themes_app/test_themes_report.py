"""The themes section of the readable report: gated counts and redacted quotes, in the
report page and in the standalone HTML download."""

from django.urls import reverse

from analysis.themes.report import report_section
from analysis.themes.tagging import tagging_run


def test_section_is_empty_until_something_is_tagged(codebook):
    assert report_section(codebook.survey, by=["sex"]) == ""


def test_section_shows_gated_counts_and_quotes(codebook):
    tagging_run(codebook)
    html = report_section(codebook.survey, by=["sex"])
    assert "Open-text themes: Feeling safer" in html
    assert "Suppressed: too few to report" in html  # prefer not to say (3 people)
    assert "Representative quotes" in html and "“" in html


def test_unusable_characteristic_falls_back_to_everyone(codebook):
    tagging_run(codebook)
    html = report_section(codebook.survey, by=["not_a_characteristic"])
    assert "Everyone" in html and "Suppressed" not in html


def test_the_report_page_and_download_include_the_section(analyst_client, codebook):
    tagging_run(codebook)
    query = {"question": "mode", "by": "area"}
    page = analyst_client.get(reverse("analysis:survey-report", args=[codebook.survey.slug]), query)
    assert page.status_code == 200
    assert "Open-text themes: Feeling safer" in page.content.decode()
    download = analyst_client.get(reverse("analysis:survey-export", args=[codebook.survey.slug]),
                                  {**query, "format": "html"})
    assert "Open-text themes: Feeling safer" in download.content.decode()
