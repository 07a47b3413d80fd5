"""Answers the English-only tagger cannot read are flagged "needs translation" in the review
queue, the answers page, the exports and the API; short English answers are not."""

import pytest
from django.urls import reverse

from analysis.themes.models import TextAnswer
from analysis.themes.tagging import tagging_run
from surveys.services import responses_bulk_create
from tests.themes_app.test_themes_exports import csv_tables, download

FOREIGN = {
    "pl": "Autobus zawsze się spóźnia wieczorem, boję się czekać na przystanku",
    "ar": "الحافلة متأخرة دائما في الليل والمحطة مظلمة",
}
SHORT_ENGLISH = ["Yes my peer support worker.", "Bus drivers rude", "Brilliant staff, quick response"]


@pytest.fixture
def tagged(codebook, travel_survey):
    rows = [{"answers": {"safer": text}, "key": f"foreign-{code}"} for code, text in FOREIGN.items()]
    rows += [{"answers": {"safer": text}, "key": f"short-{i}"} for i, text in enumerate(SHORT_ENGLISH)]
    responses_bulk_create(survey=travel_survey, rows=rows, source="import")
    tagging_run(codebook)
    return codebook


def test_only_the_foreign_answers_are_flagged(tagged):
    flagged = set(TextAnswer.objects.filter(needs_translation=True).values_list("text", flat=True))
    assert flagged == set(FOREIGN.values())
    assert not TextAnswer.objects.filter(text__in=SHORT_ENGLISH, needs_translation=True).exists()


def test_review_queue_and_answers_page_show_the_flag(analyst_client, tagged):
    foreign = TextAnswer.objects.get(text=FOREIGN["pl"])
    english = TextAnswer.objects.get(text=SHORT_ENGLISH[0])
    review = reverse("analysis:themes:review", args=[tagged.pk])
    page = analyst_client.get(review, {"answer": foreign.pk}).content.decode()
    assert "Needs translation" in page and "check the themes against a translation" in page
    assert "Needs translation" not in analyst_client.get(review, {"answer": english.pk}).content.decode()
    answers = analyst_client.get(reverse("analysis:themes:answers", args=[tagged.pk]), {"page": 3}).content.decode()
    assert answers.count("Needs translation") == 2


def test_exports_and_api_carry_the_flag_and_no_sentiment(analyst_client, tagged):
    tables = csv_tables(download(analyst_client, tagged, "csv").content)
    flags = {row["text"]: row["needs_translation"] for row in tables["Answers"]}
    assert flags[FOREIGN["ar"]] == "True" and flags[SHORT_ENGLISH[1]] == "False"
    assert not any("sentiment" in column for column in tables["Answers"][0])
    api = analyst_client.get(f"/api/v1/themes/codebooks/{tagged.pk}/answers/", {"page_size": 1000}).json()
    by_text = {a["text"]: a for a in api["results"]}
    assert by_text[FOREIGN["pl"]]["needs_translation"] is True
    assert by_text[SHORT_ENGLISH[2]]["needs_translation"] is False
    assert all("sentiment" not in a for a in api["results"])
