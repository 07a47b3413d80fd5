"""The analyst's journey through real HTTP: discover, shape, build a codebook, tag, review,
count, all with plain form posts (no JavaScript involved)."""

import re

import pytest
from django.urls import reverse

from analysis.themes.models import (
    AnswerTag,
    Codebook,
    Coding,
    DiscoveredTheme,
    DiscoveryRun,
    TextAnswer,
)
from engagement.models import AuditEvent, Job


def url(name, *args):
    return reverse(f"analysis:themes:{name}", args=args)


def _follow_job(response):
    """A started job redirects to its progress page; inline it has already finished."""
    assert response.status_code == 302
    match = re.fullmatch(r"/staff/jobs/([0-9a-f-]+)/", response["Location"])
    assert match, response["Location"]
    return Job.objects.get(pk=match.group(1))


def test_it_lists_surveys_with_open_questions(analyst_client, travel_survey):
    page = analyst_client.get(url("index"))
    assert page.status_code == 200
    assert "Travel survey" in page.content.decode()
    survey_page = analyst_client.get(url("survey", travel_survey.slug)).content.decode()
    assert "What would make you feel safer?" in survey_page
    assert "Discover themes" in survey_page


def test_discovery_job_builds_a_codebook(analyst_client, travel_survey):
    job = _follow_job(analyst_client.post(url("discovery-start", travel_survey.slug),
                                          {"question_code": "safer", "n_themes": "4"}))
    assert job.status == Job.Status.DONE and job.progress == 1.0
    run = DiscoveryRun.objects.get()
    assert job.result["url"] == url("discovery", run.pk)
    themes = list(run.themes.all())
    assert len(themes) == 4 and run.non_answers == 4
    assert sum(t.size for t in themes) <= run.answers - run.non_answers
    page = analyst_client.get(url("discovery", run.pk)).content.decode()
    assert "Build codebook from 4 themes" in page
    job_page = analyst_client.get(reverse("job-detail", args=[job.pk])).content.decode()
    # Named for people, with the survey and question it is about and a way back (not "themes.discover").
    assert re.search(r"<title>\s*Finding themes in answers: Travel survey: safer \(done\)", job_page)
    assert f'href="{url("discovery", run.pk)}" class="govuk-back-link">Back to the themes found<' in job_page
    assert "themes.discover" not in job_page

    first, second, third, fourth = themes
    analyst_client.post(url("discovered-action", run.pk, first.pk), {"action": "rename", "name": "Lights"})
    analyst_client.post(url("discovery-merge", run.pk), {"themes": [second.pk, third.pk], "name": "Staff and CCTV"})
    analyst_client.post(url("discovered-action", run.pk, fourth.pk), {"action": "drop"})
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.name == "Staff and CCTV" and third.status == DiscoveredTheme.Status.MERGED
    assert set(third.member_ids) <= set(second.member_ids)

    response = analyst_client.post(url("discovery-codebook", run.pk), {"name": "From discovery"})
    codebook = Codebook.objects.get(name="From discovery")
    assert response["Location"] == url("codebook", codebook.pk)
    assert [t.name for t in codebook.themes.all()] == ["Lights", "Staff and CCTV"]
    assert codebook.themes.first().keywords == first.top_terms[:3]


def test_splitting_a_theme_reruns_discovery_inside_it(analyst_client, travel_survey):
    _follow_job(analyst_client.post(url("discovery-start", travel_survey.slug), {"question_code": "safer",
                                                                                   "n_themes": "2"}))
    run = DiscoveryRun.objects.get()
    big = max(run.themes.all(), key=lambda t: t.size)
    job = _follow_job(analyst_client.post(url("discovered-action", run.pk, big.pk), {"action": "split", "parts": "2"}))
    assert job.status == Job.Status.DONE, job.message
    big.refresh_from_db()
    parts = list(big.parts.all())
    assert big.status == DiscoveredTheme.Status.SPLIT and len(parts) == 2
    assert all(set(p.member_ids) <= set(big.member_ids) for p in parts)
    assert all(p.name.startswith(big.name) for p in parts)


def test_tagging_job_then_review_with_form_posts(analyst_client, codebook):
    job = _follow_job(analyst_client.post(url("tagging-start", codebook.pk)))
    assert job.status == Job.Status.DONE and job.result["answers"] == TextAnswer.objects.count()
    assert AnswerTag.objects.filter(source="suggested").exists()

    page = analyst_client.get(url("review", codebook.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-shortcut="accept"' in html and "review.js" in html
    assert "<kbd>a</kbd>" in html and "<kbd>n</kbd>" in html  # the visible shortcut list
    answer = page.context["answer"]
    suggestion = page.context["pending"][0]
    next_id = page.context["next_id"]

    response = analyst_client.post(url("review-action", codebook.pk, answer.pk),
                                   {"action": "accept", "theme": suggestion.theme_id, "next": next_id or ""})
    suggestion.refresh_from_db()
    assert suggestion.source == AnswerTag.Source.ACCEPTED
    if len(page.context["pending"]) == 1:
        assert response["Location"].endswith(f"?answer={next_id}")
        assert Coding.objects.filter(answer=answer).exists()

    other = page.context["addable"][0] if page.context["addable"] else None
    if other is not None:
        analyst_client.post(url("review-action", codebook.pk, answer.pk), {"action": "add", "theme": other.pk})
        assert AnswerTag.objects.get(answer=answer, theme=other).source == AnswerTag.Source.HUMAN
    analyst_client.post(url("review-action", codebook.pk, answer.pk), {"action": "confirm"})
    assert Coding.objects.filter(answer=answer, codebook=codebook).exists()
    page = analyst_client.get(url("codebook", codebook.pk)).content.decode()
    assert "tag again to use it" in page


def test_review_rejects_a_theme_from_another_codebook(analyst_client, codebook, travel_survey):
    other = Codebook.objects.create(survey=travel_survey, question_code="safer", name="Other")
    stranger = other.themes.create(name="Elsewhere")
    answer = TextAnswer.objects.filter(non_answer=False).first() or _cache(codebook)
    response = analyst_client.post(url("review-action", codebook.pk, answer.pk), {"action": "add", "theme": stranger.pk},
                                   follow=True)
    assert "Choose a theme from this codebook" in response.content.decode()
    assert not AnswerTag.objects.filter(theme=stranger).exists()


def _cache(codebook):
    from analysis.themes.answers import answers_refresh

    answers_refresh(codebook.survey, codebook.question_code)
    return TextAnswer.objects.filter(non_answer=False).first()


def test_theme_edit_and_delete(analyst_client, codebook):
    theme = codebook.themes.get(name="Cameras")
    response = analyst_client.post(url("theme-edit", codebook.pk, theme.pk),
                                   {"name": "CCTV", "description": "Cameras", "keywords": "cctv; camera, cameras"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.keywords) == ("CCTV", ["cctv", "camera", "cameras"])
    clash = analyst_client.post(url("theme-edit", codebook.pk, theme.pk), {"name": "staff"})
    assert "already has a theme called" in clash.content.decode()
    analyst_client.post(url("theme-delete", codebook.pk, theme.pk))
    assert not codebook.themes.filter(pk=theme.pk).exists()


def test_adding_a_theme_on_the_codebook_page(analyst_client, codebook):
    analyst_client.post(url("codebook", codebook.pk), {"name": "Information", "description": "Real-time info",
                                                       "keywords": "app; timetable"})
    assert codebook.themes.get(name="Information").keywords == ["app", "timetable"]


def test_original_text_needs_the_raw_permission_and_is_audited(analyst_client, codebook, travel_survey):
    from analysis.themes.tagging import tagging_run

    tagging_run(codebook)
    planted = TextAnswer.objects.get(text__startswith="Call me on [phone]")
    redacted = analyst_client.get(url("review", codebook.pk), {"answer": planted.pk}).content.decode()
    assert "07700 900123" not in redacted and "[phone]" in redacted
    shown = analyst_client.get(url("review", codebook.pk), {"answer": planted.pk, "original": "1"}).content.decode()
    assert "07700 900123" in shown and "Original, not redacted" in shown
    assert AuditEvent.objects.filter(action="themes.view_original", target=str(planted.response_id)).exists()


@pytest.mark.parametrize("name,args", [
    ("index", ()), ("survey", ("travel-2026",)), ("codebook", None), ("review", None), ("answers", None),
    ("counts", None), ("export", "csv"), ("tagging-start", None)])
def test_non_analysts_are_refused(client, outsider, author, other_programme_analyst, codebook, name, args):
    if args is None:
        args = (codebook.pk,)
    elif args == "csv":
        args = (codebook.pk, "csv")
    target = url(name, *args)
    for person in (author, other_programme_analyst):
        client.force_login(person)
        method = client.post if name == "tagging-start" else client.get
        response = method(target)
        if name == "index":  # lists only what the person analyses: nothing here
            assert "Travel survey" not in response.content.decode()
        else:
            assert response.status_code == 403, (person, name)
    client.logout()
    assert client.get(target).status_code == 302  # to sign-in


def test_theme_figure_pages_are_audited_like_every_analysis_page(analyst_client, analyst, codebook):
    assert analyst_client.get(url("counts", codebook.pk), {"by": "sex"}).status_code == 200
    assert analyst_client.get(url("survey", "travel-2026")).status_code == 200
    counts, survey = AuditEvent.objects.filter(action="analysis.page").order_by("at")
    assert (counts.actor, counts.detail["page"], counts.detail["query"]) == (analyst, "analysis:themes:counts",
                                                                             {"by": ["sex"]})
    assert counts.detail["path"] == url("counts", codebook.pk)
    assert (survey.target, survey.detail["page"]) == ("travel-2026", "analysis:themes:survey")
