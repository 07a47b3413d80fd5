"""Pages and questions shown or skipped by earlier answers, and answers pruned when they hide."""

from surveys.models import Response


def test_a_page_is_skipped_unless_its_condition_is_met(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    assert j.answer("modes", {"modes": ["bus"]}).url == j.url("page", page_key="rating5")
    # Going to the hidden page's address sends the respondent on to the next shown page.
    assert j.client.get(j.url("page", page_key="train")).url == j.url("page", page_key="rating5")
    assert j.answer("modes", {"modes": ["bus", "train"]}).url == j.url("page", page_key="train")
    assert j.client.get(j.url("page", page_key="train")).status_code == 200


def test_a_question_is_shown_only_when_its_condition_is_met(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "blue"})
    assert "Why red?" not in j.client.get(j.url("page", page_key="extra")).content.decode()
    j.answer("colour", {"colour": "red"})
    assert "Why red?" in j.client.get(j.url("page", page_key="extra")).content.decode()


def test_answers_to_a_page_that_becomes_hidden_are_removed(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("modes", {"modes": ["train"]})
    j.answer("train", {"train_rating": "2"})
    assert j.draft().answers["train_rating"] == 2
    j.answer("modes", {"modes": ["bus"]}, query="?change=1")
    assert "train_rating" not in j.draft().answers


def test_answers_to_a_question_that_becomes_hidden_are_removed(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "red"})
    j.answer("extra", {"why_red": "Like a bus"})
    assert j.draft().answers["why_red"] == "Like a bus"
    j.answer("colour", {"colour": "blue"})
    assert "why_red" not in j.draft().answers


def test_hidden_questions_are_neither_asked_on_the_check_page_nor_stored(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer_all({"colour": {"colour": "red"}, "extra": {"why_red": "Warm", "nickname": ""}})
    j.answer("colour", {"colour": "blue"}, query="?change=1")
    check = j.client.get(j.url("check")).content.decode()
    assert "Why red?" not in check and "How good are the trains?" not in check
    assert "Not provided" in check  # the nickname, left blank
    j.submit()
    answers = Response.objects.get().answers
    assert "why_red" not in answers and "nickname" not in answers and answers["colour"] == "blue"


def test_a_change_from_check_answers_returns_to_check_answers(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer_all()
    assert j.answer("rating7", {"rating7": "2"}, query="?change=1").url == j.url("check")
    # A change that reveals a new required page goes there instead of back to the check page.
    assert j.answer("modes", {"modes": ["train"]}, query="?change=1").url == j.url("page", page_key="train")


def test_check_answers_sends_the_respondent_to_an_unanswered_required_page(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "blue"})
    assert j.client.get(j.url("check")).url == j.url("page", page_key="modes")
    assert j.submit().url == j.url("page", page_key="modes")
    assert not Response.objects.exists()
