"""Published theme shares: corrected for the tagger's measured error, with an interval, and
saying how many answers were reviewed (reviewed answers count as coded)."""

from django.urls import reverse

from analysis.themes.models import TextAnswer
from analysis.themes.shares import theme_shares
from analysis.themes.tagging import tagging_run


def _review(client, codebook, answers, action="none"):
    for answer in answers:
        client.post(reverse("analysis:themes:review-action", args=[codebook.pk, answer.pk]), {"action": action})


def test_counts_page_api_and_report_show_corrected_shares(analyst_client, codebook, travel_survey):
    tagging_run(codebook)
    real = list(TextAnswer.objects.filter(non_answer=False).order_by("pk"))
    _review(analyst_client, codebook, real[:30], action="confirm")
    tagging_run(codebook)
    shares = theme_shares(codebook)
    assert shares.reviewed == 30 and shares.answers == len(real)
    assert {row["theme"] for row in shares.rows()} == {"Lighting", "Staff", "Cameras", "Behaviour"}
    assert all(r["low"] <= r["estimate"] <= r["high"] for r in shares.rows())

    page = analyst_client.get(reverse("analysis:themes:counts", args=[codebook.pk])).content.decode()
    assert f"{shares.reviewed} of {shares.answers} answers were reviewed" in page
    assert "95% interval" in page
    api = analyst_client.get(f"/api/v1/themes/codebooks/{codebook.pk}/counts/").json()["shares"]
    assert api["reviewed"] == 30 and api["method"] == "adjusted classify-and-count"
    assert api["themes"] == shares.rows()


def test_reviewed_answers_count_as_truth(analyst_client, codebook, travel_survey):
    tagging_run(codebook)
    real = list(TextAnswer.objects.filter(non_answer=False))
    _review(analyst_client, codebook, real, action="none")  # a person says: no theme, anywhere
    shares = theme_shares(codebook)
    assert shares.reviewed == len(real)
    assert all(r["estimate"] == r["low"] == r["high"] == 0.0 for r in shares.rows())
