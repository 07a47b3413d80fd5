"""A question revealed by another on the same page works without JavaScript."""

from surveys.models import Response

DEFINITION = {
    "schema": 1,
    "survey": {"slug": "same-page", "title": "Same page", "description": "Reveal test"},
    "pages": [{"key": "incident", "questions": [
        {"code": "reported", "type": "single", "text": "Did you report it?", "required": True,
         "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
        {"code": "why_not", "type": "text", "text": "Why not?", "required": True,
         "condition": {"question": "reported", "equals": "no"}},
    ]}],
}


def test_the_revealed_question_is_on_the_page_before_any_answer(published_survey, journey):
    j = journey(published_survey(DEFINITION))
    j.start()
    page = j.client.get(j.url("page", page_key="incident")).content.decode()
    assert "Did you report it?" in page and "Why not?" in page


def test_the_revealed_question_is_checked_only_when_its_condition_holds(published_survey, journey):
    j = journey(published_survey(DEFINITION))
    j.start()
    page = j.answer("incident", {"reported": "no"}).content.decode()
    assert "There is a problem" in page and "Enter an answer" in page
    assert j.answer("incident", {"reported": "yes", "why_not": "ignored"}).url == j.url("check")
    j.submit()
    assert Response.objects.get().answers == {"reported": "yes"}
