"""The Django admin where authors write surveys and administrators manage people: axe-core WCAG
2.x A/AA, no sideways scrolling at 200% zoom or 320 px, and 24 px targets (tests/browser/layout.py).
Inlines are stacked so every field has its own label; frontend/static/frontend/admin.css gives
stacked links room."""

import pytest

from surveys.models import Page, Question
from tests.browser.layout import ZOOMED_DESKTOP, layout_problems

pytestmark = pytest.mark.browser


def test_the_authoring_and_people_pages_are_accessible(live_server, new_page, axe_violations, administrator,
                                                      published_survey, screenshot, sign_in_browser):
    survey = published_survey()
    page_with_questions = Page.objects.filter(survey=survey, questions__isnull=False).first()
    choice_question = Question.objects.filter(page__survey=survey, choices__isnull=False).first()
    page = sign_in_browser(new_page(**ZOOMED_DESKTOP), administrator)

    problems = []
    paths = ["/admin/", "/admin/surveys/survey/", f"/admin/surveys/survey/{survey.pk}/change/",
             f"/admin/surveys/page/{page_with_questions.pk}/change/",
             f"/admin/surveys/question/{choice_question.pk}/change/", "/admin/surveys/question/",
             "/admin/surveys/survey/import/", f"/admin/engagement/user/{administrator.pk}/change/"]
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        problems += axe_violations(page) + layout_problems(page, path)
    screenshot(page, "admin-user")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
