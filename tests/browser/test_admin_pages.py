"""The Django admin (platform operators only) and the people page where administrators manage
roles: axe-core WCAG 2.x A/AA, no sideways scrolling at 200% zoom or 320 px, and 24 px targets (tests/browser/layout.py).
Inlines are stacked so every field has its own label; frontend/static/frontend/admin.css gives
stacked links room."""

import pytest

from engagement.models import Role, RoleAssignment, User
from surveys.models import Page, Question
from tests.browser.layout import ZOOMED_DESKTOP, layout_problems
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_operators_admin_pages_are_accessible(live_server, new_page, axe_violations, published_survey,
                                                 screenshot, sign_in_browser):
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    survey = published_survey()
    page_with_questions = Page.objects.filter(survey=survey, questions__isnull=False).first()
    choice_question = Question.objects.filter(page__survey=survey, choices__isnull=False).first()
    page = sign_in_browser(new_page(**ZOOMED_DESKTOP), operator)

    problems = []
    paths = ["/admin/", "/admin/surveys/survey/", f"/admin/surveys/survey/{survey.pk}/change/",
             f"/admin/surveys/page/{page_with_questions.pk}/change/",
             f"/admin/surveys/question/{choice_question.pk}/change/", "/admin/surveys/question/",
             "/admin/surveys/survey/import/", f"/admin/engagement/user/{operator.pk}/change/"]
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        problems += axe_violations(page) + layout_problems(page, path)
    screenshot(page, "admin-user")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_people_pages_are_accessible(live_server, new_page, axe_violations, administrator, author, programme,
                                         screenshot, sign_in_browser):
    page = sign_in_browser(new_page(**ZOOMED_DESKTOP), administrator)
    problems = []
    for path in ["/staff/roles/", "/staff/roles/add/", f"/staff/roles/{author.pk}/"]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        problems += axe_violations(page) + layout_problems(page, path)
    page.select_option("#id_role", "analyst")
    page.select_option("#id_programme", str(programme.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Add role").click()
    assert RoleAssignment.objects.filter(user=author, role=Role.ANALYST, programme=programme).exists()
    problems += axe_violations(page)
    screenshot(page, "people-person")
    page.goto(f"{live_server.url}/staff/roles/add/")
    with page.expect_navigation():
        page.get_by_role("button", name="Add person").click()
    assert "There is a problem" in page.content()
    problems += axe_violations(page)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.two_factor_unenrolled
def test_the_two_factor_set_up_pages_are_accessible(live_server, new_page, axe_violations, analyst,
                                                    sign_in_browser):
    page = sign_in_browser(new_page(**ZOOMED_DESKTOP), analyst)
    page.goto(f"{live_server.url}/staff/")
    assert page.url.endswith("/accounts/two-factor/required/")
    problems = axe_violations(page)
    page.get_by_role("link", name="Set up your authenticator app").click()
    if "/reauthenticate/" in page.url:
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm").click()
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    problems += axe_violations(page)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
