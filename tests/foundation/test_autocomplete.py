"""Inputs that ask about the respondent say what they hold (WCAG 1.3.5), so browsers and
assistive tools can fill them in: the date of birth's boxes are bday-day, bday-month, bday-year."""

import re

from django.utils import timezone

from surveys.definition import for_version
from surveys.demo.generate import covering_answer_sets


def test_the_date_of_birth_boxes_identify_their_purpose(published_survey, journey):
    survey = published_survey()  # Citizen's Voice, with the equality block
    respondent = journey(survey)
    respondent.start()
    definition = for_version(survey.current_version_id)
    draft = respondent.draft()
    draft.answers = next(answers for answers in covering_answer_sets(definition, today=timezone.localdate())
                         if definition.page_by_key["eq-date-of-birth"] in definition.visible_pages(answers))
    draft.save()

    html = respondent.client.get(respondent.url("page", page_key="eq-date-of-birth")).content.decode()
    boxes = dict(re.findall(r'name="date_of_birth-(\w+)"[^>]*autocomplete="([\w-]+)"', html))
    assert boxes == {"day": "bday-day", "month": "bday-month", "year": "bday-year"}

    # Other dates (here: when something happened) are not about the respondent.
    other = {"schema": 1, "survey": {**definition.data["survey"], "slug": "visits"},
             "pages": [{"key": "visit", "questions": [{"code": "visit_date", "type": "date", "text": "When?"}]}]}
    visits = journey(published_survey(other))
    visits.start()
    assert "autocomplete" not in visits.client.get(visits.url("page", page_key="visit")).content.decode().split(
        "<main")[1]
