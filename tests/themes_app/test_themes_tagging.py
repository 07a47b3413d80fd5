"""Tagging as a job: every answer tagged with a confidence, people's decisions kept, and
corrections changing the tags of answers nobody coded."""

import pytest

from analysis.themes import answers as answer_cache
from analysis.themes import tagging
from analysis.themes.jobs import tagging_start
from analysis.themes.models import AnswerTag, Coding, TaggerModel, TextAnswer
from analysis.themes.review import coded_examples, review_apply
from analysis.themes.tagging import tagging_run
from engagement.models import Job
from surveys.models import Response


def code(codebook, answer, names):
    """Code an answer the way a reviewer would: each theme added or rejected."""
    for theme in codebook.themes.all():
        review_apply(codebook=codebook, answer=answer, action="add" if theme.name in names else "reject",
                     theme=theme)


def themes_of(answer):
    return {t.theme.name for t in answer.tags.filter(source__in=["suggested", "accepted", "human"])}


def test_tagging_job_tags_every_real_answer_and_reports_progress(codebook, analyst):
    job = tagging_start(codebook=codebook, user=analyst)
    assert (job.status, job.progress, job.message) == (Job.Status.DONE, 1.0, "Done")
    cached = TextAnswer.objects.filter(survey=codebook.survey)
    assert cached.count() == Response.objects.filter(survey=codebook.survey).count()
    tagged = cached.filter(tags__isnull=False).distinct()
    real = cached.filter(non_answer=False)
    assert tagged.count() >= 0.75 * real.count()  # zero-shot: no answer coded yet
    assert not cached.filter(non_answer=True, tags__isnull=False).exists()
    assert all(0 <= t.confidence <= 1 for t in AnswerTag.objects.all())
    model = TaggerModel.objects.get(codebook=codebook)
    assert model.metrics["answers"] == cached.count() and model.metrics["non_answers"] == 4
    assert len(model.next_to_code) == tagging.SUGGEST_K
    assert set(model.next_to_code) <= set(real.values_list("pk", flat=True))


def test_zero_shot_tags_follow_the_codebook(codebook, travel_survey):
    tagging_run(codebook)
    truth = travel_survey.truth
    hits = total = 0
    for answer in TextAnswer.objects.filter(non_answer=False):
        expected = set(truth.get(answer.text, []))
        if expected:
            total += 1
            hits += bool(themes_of(answer) & expected)
    assert hits / total > 0.8  # keywords and descriptions alone find most answers' themes


def test_corrections_change_later_tags_of_uncoded_answers(codebook, travel_survey):
    tagging_run(codebook)
    gangs = list(TextAnswer.objects.filter(text__icontains="gangs of teenagers").order_by("pk"))
    unseen = gangs[4:]
    before = {a.pk: themes_of(a) for a in unseen}
    assert not any("Behaviour" in themes for themes in before.values())  # no keyword for this wording
    truth = travel_survey.truth
    others = [a for a in TextAnswer.objects.filter(non_answer=False).exclude(text__icontains="gangs").order_by("pk")
              if truth.get(a.text)][:14]
    for answer in gangs[:4] + others:
        code(codebook, answer, truth[answer.text])
    assert Coding.objects.filter(codebook=codebook).count() == 18

    tagging_run(codebook)
    after = {a.pk: themes_of(a) for a in unseen}
    assert sum("Behaviour" in themes for themes in after.values()) >= len(unseen) - 1
    assert codebook.models.first().version == 2
    assert codebook.models.first().metrics["positives"]["Behaviour"] >= 4


def test_people_decisions_survive_retagging(codebook):
    tagging_run(codebook)
    answer = TextAnswer.objects.filter(non_answer=False, tags__source="suggested").first()
    wrong = answer.tags.first().theme
    other = codebook.themes.exclude(pk=wrong.pk).first()
    review_apply(codebook=codebook, answer=answer, action="reject", theme=wrong)
    review_apply(codebook=codebook, answer=answer, action="add", theme=other)
    tagging_run(codebook)
    assert AnswerTag.objects.get(answer=answer, theme=wrong).source == AnswerTag.Source.REJECTED
    assert AnswerTag.objects.get(answer=answer, theme=other).source == AnswerTag.Source.HUMAN
    assert not answer.tags.filter(source="suggested").exists()  # coded: no new suggestions


def test_unchanged_codebook_reuses_the_fitted_model(codebook):
    tagging_run(codebook)
    first = codebook.models.get()
    tagging_run(codebook)
    assert codebook.models.count() == 1 and codebook.models.get().fingerprint == first.fingerprint
    theme = codebook.themes.first()
    theme.description += " and more"
    theme.save()
    tagging_run(codebook)
    assert list(codebook.models.values_list("version", flat=True)) == [2, 1]


def test_old_model_blobs_are_emptied(codebook):
    for word in ("one", "two", "three"):
        codebook.themes.create(name=word, position=99)
        tagging_run(codebook)
    blobs = {m.version: len(bytes(m.blob)) for m in codebook.models.all()}
    assert blobs[1] == 0 and blobs[2] > 0 and blobs[3] > 0


def test_batches_write_the_same_tags_as_one_pass(codebook, monkeypatch):
    tagging_run(codebook)
    one_pass = set(AnswerTag.objects.values_list("answer_id", "theme_id", "confidence"))
    AnswerTag.objects.all().delete()
    codebook.themes.create(name="Extra", position=99)  # forces a re-fit with a new fingerprint
    codebook.themes.get(name="Extra").delete()
    monkeypatch.setattr(tagging, "BATCH", 7)
    messages = []
    tagging_run(codebook, lambda fraction, message: messages.append((fraction, message)))
    assert set(AnswerTag.objects.values_list("answer_id", "theme_id", "confidence")) == one_pass
    assert len([m for _, m in messages if m.startswith("Tagged")]) == -(-111 // 7)
    fractions = [f for f, _ in messages]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(0.95)


def test_new_responses_are_cached_and_tagged_next_time(codebook, travel_survey):
    from surveys.services import responses_bulk_create

    tagging_run(codebook)
    responses_bulk_create(survey=travel_survey, rows=[{"answers": {"safer": "cctv that actually works at the stop"},
                                                      "key": "late-1"}])
    tagging_run(codebook)
    late = TextAnswer.objects.get(text="cctv that actually works at the stop")
    assert "Cameras" in themes_of(late)


def test_answer_cache_refresh_is_incremental(travel_survey):
    assert answer_cache.answers_refresh(travel_survey, "safer") == 115
    assert answer_cache.answers_refresh(travel_survey, "safer") == 0


def test_holdout_scores_appear_with_enough_coding(codebook, travel_survey):
    truth = travel_survey.truth
    answer_cache.answers_refresh(travel_survey, "safer")
    themes = {t.name: t for t in codebook.themes.all()}
    for answer in [a for a in TextAnswer.objects.filter(non_answer=False).order_by("pk") if truth.get(a.text)][:45]:
        AnswerTag.objects.bulk_create([AnswerTag(answer=answer, theme=themes[n], source="human")
                                       for n in truth[answer.text]])
        Coding.objects.create(codebook=codebook, answer=answer)
    assert len(coded_examples(codebook)) == 45
    tagging_run(codebook)
    holdout = codebook.models.first().metrics["holdout"]
    assert holdout["trained_on"] == 36 and holdout["tested_on"] == 9
    assert 0.5 < holdout["micro_f1"] <= 1


def test_a_second_start_while_running_returns_the_running_job(codebook, analyst):
    running = Job.objects.create(kind="themes.tag", params={"codebook": codebook.pk}, status=Job.Status.RUNNING,
                                 created_by=analyst)
    assert tagging_start(codebook=codebook, user=analyst) == running


def test_tagging_an_empty_codebook_is_refused(travel_survey, analyst):
    from django.core.exceptions import ValidationError

    from analysis.themes.services import codebook_create

    empty = codebook_create(survey=travel_survey, question_code="safer", name="Empty")
    with pytest.raises(ValidationError):
        tagging_start(codebook=empty, user=analyst)


def test_a_question_nobody_answered_tags_nothing_without_failing(codebook):
    from surveys.models import Response

    Response.objects.filter(survey=codebook.survey).delete()
    result = tagging_run(codebook)
    assert result["answers"] == 0 and result["tags"] == 0
    assert codebook.models.get().next_to_code == []
