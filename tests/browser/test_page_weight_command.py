"""manage.py page_weight's figures (frontend/weight.py) against what Chromium really downloads
from the live server, which serves static files as production does (hashed, brotli or gzip, WhiteNoise)."""

from urllib.parse import urlsplit

import pytest

from frontend import weight

pytestmark = pytest.mark.browser

TOLERANCE = 0.15


def close(estimate: int, actual: int) -> bool:
    return abs(estimate - actual) <= TOLERANCE * actual


def test_the_commands_first_and_later_page_figures_match_what_chromium_downloads(every_type_survey, live_server,
                                                                                 new_page):
    with weight.rolled_back():
        [measured] = weight.measure_survey(every_type_survey)
    first = measured.first
    first_question = next(p for p in measured.later if "/q/" in p.url and not p.label.startswith("error"))

    page = new_page()
    requests = []
    page.context.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{live_server.url}{first.url}", wait_until="networkidle")
    # responseBodySize is what came over the wire: brotli for static files (WhiteNoise), gzip for
    # the HTML (GZipMiddleware, which adds up to 100 random bytes against BREACH).
    sizes = {urlsplit(r.url).path: r.sizes()["responseBodySize"] for r in requests}
    html = sizes.pop(first.url)
    breakdown = f"Chromium: HTML {html}, {sizes}\ncommand:  HTML {first.html_gzip_bytes}, {first.assets}"
    print(f"\n{breakdown}")
    assert {urlsplit(r.url).netloc for r in requests} == {urlsplit(live_server.url).netloc}
    assert set(sizes) <= set(first.assets) and len(sizes) >= 3, breakdown  # Chromium may skip the icon
    assert close(first.html_gzip_bytes, html), breakdown
    assert close(first.asset_bytes, sum(sizes.values())), breakdown
    assert close(first.total, html + sum(sizes.values())), breakdown

    # Start: the first question page costs its HTML only, the static files being cached.
    requests.clear()
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state("networkidle")
    # Files taken from the cache come with no body size (Chromium reports a negative one).
    fetched = {urlsplit(r.url).path: max(r.sizes()["responseBodySize"], 0) for r in requests if r.method == "GET"}
    html = fetched.pop(first_question.url)
    assert first_question.assets == {} and not any(fetched.values()), fetched
    assert close(first_question.html_gzip_bytes, html), (first_question, html)
