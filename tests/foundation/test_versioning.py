"""Editing and republishing a live survey never changes what collected answers meant."""

import json

import pytest
from django.test import Client

from surveys.models import Choice, Question, Response
from surveys.publishing import survey_publish
from surveys.question_types import AnswerErrors
from surveys.services import response_create

V1_ANSWERS = {"colour": "blue", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": 4, "visits": 3,
              "visit_date": "2024-03-27", "nickname": "Ferry fans"}


def _edit_the_draft(survey):
    """What an author might do between versions: reword, remove, recode, change options."""
    Question.objects.filter(page__survey=survey, code="colour").update(text="Which colour do you like best?")
    Question.objects.filter(page__survey=survey, code="nickname").delete()
    Question.objects.filter(page__survey=survey, code="comments").update(code="other_comments")
    colour = Question.objects.get(page__survey=survey, code="colour")
    Choice.objects.filter(question=colour, code="blue").delete()
    Choice.objects.create(question=colour, code="green", label="Green", position=5)


@pytest.fixture
def republished(every_type_survey, journey):
    """v1 with one web and one API response and a half-finished draft; then v2 published."""
    v1 = every_type_survey.current_version
    v1_definition = json.loads(json.dumps(v1.definition))
    finished = journey(every_type_survey, Client())
    finished.start()
    finished.answer_all()
    finished.submit()
    response_create(survey=every_type_survey, answers=V1_ANSWERS, idempotency_key="api-v1")
    halfway = journey(every_type_survey, Client())
    halfway.start()
    halfway.answer("colour", {"colour": "blue"})
    _edit_the_draft(every_type_survey)
    v2 = survey_publish(survey=every_type_survey)
    every_type_survey.refresh_from_db()
    return {"survey": every_type_survey, "v1": v1, "v1_definition": v1_definition, "v2": v2, "halfway": halfway}


def test_republishing_makes_version_2_current(republished):
    survey, v2 = republished["survey"], republished["v2"]
    assert v2.number == 2 and survey.current_version == v2
    codes = {q["code"] for page in v2.definition["pages"] for q in page["questions"]}
    assert "nickname" not in codes and {"other_comments", "colour"} <= codes


def test_old_responses_keep_version_1_and_its_definition(republished):
    v1 = republished["v1"]
    v1.refresh_from_db()
    assert v1.definition == republished["v1_definition"]
    old = Response.objects.all()
    assert old.count() == 2 and {r.version_id for r in old} == {v1.pk}
    assert all(r.answers["colour"] == "blue" and r.answers["nickname"] for r in old)


def test_new_respondents_answer_version_2(republished, journey):
    survey = republished["survey"]
    j = journey(survey, Client())
    j.start()
    page = j.client.get(j.url("page", page_key="colour")).content.decode()
    assert "Which colour do you like best?" in page and "Green" in page and "Blue" not in page
    j.answer_all({"colour": {"colour": "green"}, "extra": {"other_comments": "New wording"}})
    assert "What should we call your group?" not in j.client.get(j.url("check")).content.decode()
    j.submit()
    new = Response.objects.get(version=republished["v2"])
    assert new.answers["colour"] == "green" and new.answers["other_comments"] == "New wording"
    assert "nickname" not in new.answers


def test_a_draft_started_on_version_1_finishes_on_version_1(republished):
    halfway = republished["halfway"]
    assert "Blue" in halfway.client.get(halfway.url("page", page_key="colour")).content.decode()
    halfway.answer_all({"extra": {"nickname": "Still here", "comments": "Old wording"}})
    assert halfway.submit().url == halfway.url("done")
    late = Response.objects.get(answers__nickname="Still here")
    assert late.version == republished["v1"]
    assert late.answers["colour"] == "blue" and late.answers["comments"] == "Old wording"


def test_the_api_takes_answers_to_the_current_version_only(republished):
    survey = republished["survey"]
    with pytest.raises(AnswerErrors) as refused:
        response_create(survey=survey, answers=V1_ANSWERS, idempotency_key="api-v2a")
    assert refused.value.errors == {"nickname": "There is no question with this code",
                                    "colour": "Select one of the options shown"}
    answers = {k: v for k, v in V1_ANSWERS.items() if k != "nickname"}
    stored, created = response_create(survey=survey, answers={**answers, "colour": "green"},
                                      idempotency_key="api-v2b")
    assert created and stored.version == republished["v2"]
