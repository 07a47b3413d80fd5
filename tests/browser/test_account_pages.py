"""Staff sign-in, two-factor set-up and password pages (django-allauth in the service's layout)
and the accessibility statement: axe-core finds no WCAG 2.x A/AA violation, none scrolls sideways
at 200% zoom or 320 px or has a target under 24 px, and a failed sign-in moves focus to the error
summary."""

import pytest
from playwright.sync_api import expect

from tests.browser.layout import ZOOMED_DESKTOP, layout_problems
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.two_factor_unenrolled  # walks the set-up pages an analyst sees before enrolling
def test_sign_in_two_factor_and_statement_pages_are_accessible(live_server, new_page, axe_violations, analyst,
                                                               screenshot):
    page = new_page(**ZOOMED_DESKTOP)
    violations = []

    def visit(path, state):
        if path:
            page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, state
        violations.extend(f"[{state}] {line}" for line in axe_violations(page))
        violations.extend(layout_problems(page, state))

    visit("/accounts/login/", "sign in")
    screenshot(page, "staff-sign-in")
    page.fill("#id_login", analyst.email)
    page.fill("#id_password", "not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    visit(None, "sign in: wrong password")

    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    visit("/accounts/2fa/", "two-factor overview")
    visit("/accounts/2fa/totp/activate/", "confirm password before adding an authenticator")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    visit(None, "add an authenticator app")
    visit("/accounts/password/change/", "change password")
    visit("/accounts/logout/", "sign out")
    visit("/accessibility/", "accessibility statement")

    anonymous = new_page(**ZOOMED_DESKTOP)
    page = anonymous
    visit("/accounts/password/reset/", "reset password")
    assert not violations, f"{len(violations)} WCAG A/AA violations:\n" + "\n".join(violations)
