"""Reflow at 320 CSS px (WCAG 1.4.10) and the first page's weight (standards.md §2.4)."""

import re
from urllib.parse import urlsplit

import pytest

from surveys.models import ResponseDraft

pytestmark = pytest.mark.browser

FIRST_LOAD_BUDGET = 100 * 1024  # standards.md §2.4 [Rec]: at most 100 KB on first load

ALL_ANSWERED = {"colour": "red", "modes": ["bus"], "rating5": 4, "fair_1": 5, "fair_2": "dont_know",
                "visits": 3, "visit_date": "2024-03-27",
                # A long unbroken answer must wrap, not push the page sideways.
                "why_red": "Supercalifragilistic" * 10, "comments": "x" * 300}


def test_no_page_scrolls_sideways_on_a_320_pixel_screen(every_type_survey, live_server, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    base = f"{live_server.url}/s/{every_type_survey.slug}"
    widths = {}

    def measure(state):
        widths[state] = page.evaluate("document.documentElement.scrollWidth")

    page.goto(f"{base}/")
    measure("start")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    measure("error: single choice")
    for key in ("rating10", "fairness", "visit"):
        page.goto(f"{base}/q/{key}/")
        measure(key)
    page.fill('[name="visit_date-year"]', "20244")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    measure("error: number and date")
    ResponseDraft.objects.update(answers=ALL_ANSWERED)
    page.goto(f"{base}/check/")
    measure("check answers")
    page.goto(f"{base}/resume/")
    measure("resume")
    assert len(widths) == 8
    too_wide = {state: width for state, width in widths.items() if width > 320}
    assert not too_wide, f"pages wider than 320 px: {too_wide}"


def test_the_first_page_weighs_under_100_kb_and_asks_no_other_host(every_type_survey, live_server, new_page):
    page = new_page()
    requests = []
    page.context.on("requestfinished", lambda request: requests.append(request))
    page.context.on("requestfailed", lambda request: requests.append(request))
    page.goto(f"{live_server.url}/s/{every_type_survey.slug}/", wait_until="networkidle")

    hosts = {urlsplit(r.url).netloc for r in requests}
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
    # responseBodySize is what came over the wire: after gzip when the file was served compressed.
    sizes = {r.url.removeprefix(live_server.url): r.sizes()["responseBodySize"] for r in requests}
    total = sum(sizes.values())
    breakdown = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]))
    print(f"\nFirst page: {total} bytes over the wire\n{breakdown}")
    assert total < FIRST_LOAD_BUDGET, f"first page is {total} bytes (budget {FIRST_LOAD_BUDGET}):\n{breakdown}"
    # Each asset once, under a content-hashed name, cached for a year: later pages fetch only HTML.
    assets = [r for r in requests if "/static/" in r.url]
    assert len(assets) == len({r.url for r in assets}) >= 4
    for asset in assets:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", asset.url), asset.url
        assert "immutable" in asset.response().header_value("cache-control"), asset.url
    css = next(r for r in assets if r.url.endswith(".css")).response()
    assert css.header_value("content-encoding") == "gzip"
