"""Right-to-left layout in a real browser (headless Chromium): the controls sit on the right."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not shutil.which(CHROMIUM), reason="needs Chromium")]


@pytest.fixture
def page(citizens_voice, live_server, new_page):
    return new_page(viewport={"width": 1000, "height": 900}, java_script_enabled=False)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_arabic_radios_errors_and_columns_mirror(page, live_server, citizens_voice):
    page.goto(f"{live_server.url}/s/{citizens_voice.slug}/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    column = box(page, ".govuk-grid-column-two-thirds")
    assert column["x"] + column["width"] > 900  # the column starts at the right edge
    page.click("button.govuk-button--start")
    page.click("button[value=continue]")  # no answer: the error state

    label, radio = box(page, ".govuk-radios__label"), box(page, ".govuk-radios__input")
    assert radio["x"] > label["x"] + label["width"] - 5  # the control is right of its label
    circle_right = page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-radios__label'), '::before').right")
    assert circle_right == "2px"  # the visible circle is drawn at the right, over the input
    group = page.evaluate("getComputedStyle(document.querySelector('.govuk-form-group--error'))"
                          ".borderRightWidth")
    assert group == "5px"


def test_english_pages_keep_the_left_to_right_layout(page, live_server, citizens_voice):
    page.goto(f"{live_server.url}/s/{citizens_voice.slug}/")
    page.click("button.govuk-button--start")
    label, radio = box(page, ".govuk-radios__label"), box(page, ".govuk-radios__input")
    assert radio["x"] < label["x"]
