"""Nothing personal survives anywhere: personal details planted in answers are looked for in
every page, export, API response, report section, stored model and cached row."""

import io
import pickle
import re
import zipfile

import pytest
from django.urls import reverse

from analysis.themes.models import DiscoveredTheme, DiscoveryRun, TaggerModel, TextAnswer
from analysis.themes.report import report_section
from analysis.themes.tagging import _load
from engagement.models import Job
from tests.themes_app.planted import SECRETS


def assert_clean(content, where: str):
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else str(content)
    leaked = [s for s in SECRETS if re.search(rf"\b{re.escape(s)}\b", text, re.IGNORECASE)]
    assert not leaked, f"{where} shows {leaked}"


@pytest.fixture
def worked(analyst_client, codebook, travel_survey):
    """Discovery, tagging, a split and some review decisions, all through HTTP."""
    themes = "analysis:themes"
    analyst_client.post(reverse(f"{themes}:discovery-start", args=[travel_survey.slug]),
                        {"question_code": "safer", "n_themes": "4"})
    run = DiscoveryRun.objects.get()
    biggest = max(run.themes.all(), key=lambda t: t.size)
    analyst_client.post(reverse(f"{themes}:discovered-action", args=[run.pk, biggest.pk]),
                        {"action": "split", "parts": "2"})
    analyst_client.post(reverse(f"{themes}:tagging-start", args=[codebook.pk]))
    for planted in TextAnswer.objects.filter(text__contains="[")[:4]:
        analyst_client.post(reverse(f"{themes}:review-action", args=[codebook.pk, planted.pk]), {"action": "confirm"})
    analyst_client.post(reverse(f"{themes}:tagging-start", args=[codebook.pk]))
    return run


def test_the_planted_details_are_in_the_raw_answers(travel_survey):
    """The test would prove nothing if the secrets were not really there to leak."""
    from surveys.models import Response

    raw = " ".join(r.answers.get("safer", "") for r in Response.objects.filter(survey=travel_survey))
    assert all(s in raw for s in SECRETS)


def test_no_page_shows_personal_details(analyst_client, codebook, travel_survey, worked):
    themes = "analysis:themes"
    pages = [reverse(f"{themes}:index"), reverse(f"{themes}:survey", args=[travel_survey.slug]),
             reverse(f"{themes}:discovery", args=[worked.pk]), reverse(f"{themes}:codebook", args=[codebook.pk])]
    for by in ("", "sex", "area"):
        pages.append(reverse(f"{themes}:counts", args=[codebook.pk]) + f"?by={by}")
    answers_url = reverse(f"{themes}:answers", args=[codebook.pk])
    pages += [f"{answers_url}?page={n}" for n in (1, 2, 3)]
    review_url = reverse(f"{themes}:review", args=[codebook.pk])
    # Every answer that had a personal detail, plus a few others.
    shown = TextAnswer.objects.filter(text__contains="[") | TextAnswer.objects.filter(pk__in=[1, 2, 3])
    pages += [f"{review_url}?answer={pk}" for pk in shown.values_list("pk", flat=True)]
    for page in pages:
        response = analyst_client.get(page)
        assert response.status_code == 200, page
        assert_clean(response.content, page)


def test_no_export_contains_personal_details(analyst_client, codebook, worked):
    for by in ("", "sex"):
        csv = analyst_client.get(reverse("analysis:themes:export", args=[codebook.pk, "csv"]) + f"?by={by}")
        assert csv.status_code == 200 and b"[phone]" in csv.content  # the answers sheet is there, redacted
        assert_clean(csv.content, f"CSV by {by!r}")
        xlsx = analyst_client.get(reverse("analysis:themes:export", args=[codebook.pk, "xlsx"]) + f"?by={by}")
        with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
            for name in book.namelist():
                assert_clean(book.read(name), f"XLSX {name}")


def test_no_api_response_contains_personal_details(analyst_client, codebook, worked):
    base = "/api/v1/themes"
    urls = [f"{base}/codebooks/", f"{base}/codebooks/{codebook.pk}/", f"{base}/codebooks/{codebook.pk}/answers/next/",
            f"{base}/discoveries/{worked.pk}/", f"{base}/codebooks/{codebook.pk}/counts/?by=sex"]
    page = f"{base}/codebooks/{codebook.pk}/answers/?page_size=40"
    while page:
        response = analyst_client.get(page)
        assert response.status_code == 200
        assert_clean(response.content, page)
        page = response.json()["next"]
    for url in urls:
        response = analyst_client.get(url)
        assert response.status_code == 200, url
        assert_clean(response.content, url)
    for job in Job.objects.all():
        response = analyst_client.get(f"/api/v1/jobs/{job.pk}/")
        assert_clean(response.content, f"job {job.kind}")


def test_report_section_is_redacted(codebook, worked):
    html = report_section(codebook.survey, by=["sex"])
    assert "Open-text themes" in html
    assert_clean(html, "report section")


def test_nothing_stored_outside_the_responses_holds_personal_details(codebook, worked):
    for text in TextAnswer.objects.values_list("text", flat=True):
        assert_clean(text, "TextAnswer")
    for theme in DiscoveredTheme.objects.all():
        assert_clean(f"{theme.label} {theme.name} {theme.top_terms}", "discovered theme")
    for model in TaggerModel.objects.exclude(blob=b""):
        tagger = _load(bytes(model.blob))
        assert_clean(pickle.dumps(tagger), f"tagger v{model.version}")
