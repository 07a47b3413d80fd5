"""A running job's page follows progress without a timed refresh (WCAG 2.2.1): with JavaScript
it updates in place and shows the result when the job ends; without, a button reloads it."""

import pytest
from playwright.sync_api import expect

from engagement.models import Job

pytestmark = pytest.mark.browser


def test_a_running_job_updates_in_place_and_ends_with_its_result(live_server, new_page, analyst, axe_violations,
                                                                   sign_in_browser):
    job = Job.objects.create(kind="Tag answers", status=Job.Status.RUNNING, progress=0.1, created_by=analyst)
    page = sign_in_browser(new_page(), analyst)
    page.goto(f"{live_server.url}/staff/jobs/{job.pk}/")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert axe_violations(page) == []
    page.evaluate("window.notReloaded = true")

    Job.objects.filter(pk=job.pk).update(progress=0.5, message="2,500 of 5,000 answers")
    expect(page.locator("[data-job-percent]")).to_have_text("50%")
    expect(page.locator("[data-job-message]")).to_have_text("2,500 of 5,000 answers")
    assert page.locator("progress").evaluate("bar => bar.value") == 50

    page.get_by_role("button", name="Check progress").focus()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, progress=1, message="Tagged 5,000 answers",
                                         result={"url": "/staff/"})
    # The button goes when the job ends; focus moves on to the result rather than being lost.
    expect(page.get_by_role("link", name="See the result")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    assert page.title().startswith("Background job (done)")
    assert page.get_by_role("button", name="Check progress").count() == 0
    assert axe_violations(page) == []


def test_without_javascript_a_button_checks_progress(live_server, new_page, analyst, sign_in_browser):
    job = Job.objects.create(kind="Tag answers", status=Job.Status.QUEUED, created_by=analyst)
    page = sign_in_browser(new_page(java_script_enabled=False), analyst)
    page.goto(f"{live_server.url}/staff/jobs/{job.pk}/")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=0.25)
    with page.expect_navigation():
        page.get_by_role("button", name="Check progress").click()
    assert page.locator("progress").get_attribute("value") == "25"
