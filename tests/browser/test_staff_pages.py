"""axe-core on the main staff pages with results in place, and the charts checked for what axe
cannot judge: each has a data table of the same groups, an accessible name, marks told apart by
more than colour, and colours with 3:1 contrast against the page and the bars (WCAG 1.4.11)."""

import datetime
import random
import re

import pytest
from django.utils import timezone

from analysis.microdata import grant_microdata
from analysis.models import Target
from analysis.population import population_load_builtin
from analysis.themes.demo import demo_codebooks
from analysis.themes.models import Codebook
from surveys.definition import for_version
from surveys.demo.generate import generate_answers
from surveys.models import Channel
from surveys.services import responses_bulk_create
from surveys.waves import services as staff_services
from surveys.waves.models import Wave
from tests.browser.layout import ZOOMED_DESKTOP, layout_problems

pytestmark = pytest.mark.browser

# Enough responses that breakdown groups pass disclosure control (10 or more each).
RESPONSES = {"citizens-voice-2026": ("resident", 200), "passenger-safety": ("passenger", 120)}
CHANNEL = "knowsley-carers"
NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11

# What the test needs to know of each chart, read from the rendered page: its name, its group
# labels, the first column of the table that follows it, and the computed colours of its marks.
READ_CHART = """svg => {
  const all = selector => [...svg.querySelectorAll(selector)];
  const colour = (element, property) => getComputedStyle(element)[property];
  let behind = svg.parentElement;
  while (behind && ["transparent", "rgba(0, 0, 0, 0)"].includes(colour(behind, "backgroundColor"))) {
    behind = behind.parentElement;
  }
  const table = document.evaluate("following::table[1]", svg, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null)
    .singleNodeValue;
  return {
    role: svg.getAttribute("role"), hidden: svg.getAttribute("aria-hidden"),
    name: (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map(id => (document.getElementById(id) || {textContent: ""}).textContent.trim()).join(" ").trim(),
    labels: all(".app-chart__label").map(text => text.textContent),
    rows: table ? [...table.tBodies[0].rows].map(row => row.cells[0].textContent.trim()) : null,
    background: behind ? colour(behind, "backgroundColor") : "rgb(255, 255, 255)",
    bars: all(".app-chart__bar").map(bar => colour(bar, "fill")),
    overBars: all(".app-chart__interval, .app-chart__marker").map(line => colour(line, "stroke")),
    references: all(".app-chart__reference").map(line => [colour(line, "stroke"), colour(line, "strokeDasharray")]),
    markers: all(".app-chart__marker").length,
    keys: all(".app-chart__key").map(text => text.textContent.trim()).filter(Boolean),
  };
}"""


@pytest.fixture
def results(demo_surveys, settings):
    """The demo surveys with generated responses, a target, the population profile, a channel,
    a staff survey wave and the demo theme codebooks, tagged."""
    settings.JOB_RUNNER = "inline"  # a job finishes inside the request that starts it
    Channel.objects.create(code=CHANNEL, name="Knowsley Carers Centre", kind=Channel.Kind.COMMUNITY)
    rng, today = random.Random(2026), timezone.localdate()
    for slug, (audience, count) in RESPONSES.items():
        definition = for_version(demo_surveys[slug].current_version_id)
        rows = [{"answers": generate_answers(definition, rng, audience=audience, today=today),
                 "channel": rng.choice([CHANNEL, None]), "submitted_on": today - datetime.timedelta(days=i % 300)}
                for i in range(count)]
        responses_bulk_create(survey=demo_surveys[slug], rows=rows, source="web")
    survey = demo_surveys["citizens-voice-2026"]
    Target.objects.create(programme=survey.programme, name="Satisfaction with the area",
                          question_codes=["satisfaction"], threshold=3.5, characteristics=["sex"])
    population_load_builtin()
    wave = Wave.objects.create(survey=demo_surveys["staff-survey"], name=str(today.year),
                               opens_on=today - datetime.timedelta(days=7), closes_on=today + datetime.timedelta(days=7))
    staff_services.staff_import(wave=wave, content=b"email,directorate\nsam@lcrca.example,Place\n")
    demo_codebooks()
    return {"survey": survey, "wave": wave, "codebook": Codebook.objects.get(survey__slug="passenger-safety")}


def test_staff_pages_are_accessible_and_their_charts_have_tables(
        results, live_server, new_page, axe_violations, screenshot, administrator, outsider, sign_in_browser):
    survey, wave, codebook = results["survey"], results["wave"], results["codebook"]
    grant_microdata(survey=survey, user=administrator, granted_by=administrator,  # a row on the grants page
                    expires_on=timezone.localdate() + datetime.timedelta(days=30))
    page = new_page(**ZOOMED_DESKTOP)
    audited, violations, chart_problems, layout, table_regions = [], [], [], [], []

    def audit(path, status=200):
        if path:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == status, (path, response.status)
        audited.append(page.url)
        violations.extend(axe_violations(page))
        layout.extend(layout_problems(page, page.url))
        # Each table's scroll box is a region named by its caption, so a screen reader's list of
        # regions tells them apart.
        names = page.locator(".app-table-scroll").evaluate_all(
            "boxes => boxes.map(box => document.getElementById(box.getAttribute('aria-labelledby'))"
            "?.closest('table') === box.querySelector('table') ? box.querySelector('caption').textContent.trim() : '')")
        table_regions.extend(names)
        if "" in names or len(set(names)) < len(names):
            layout.append(f"{page.url}: table regions unnamed or named alike: {names}")
        charts = page.locator("main svg")
        for index in range(charts.count()):
            chart_problems.extend(f"{page.url} chart {index + 1}: {problem}"
                                  for problem in chart_faults(charts.nth(index).evaluate(READ_CHART)))
        return charts.count()

    audit("/no-such-page/", status=404)  # the sign-in pages have their own test: test_account_pages.py
    sign_in_browser(page, outsider)
    audit(f"/staff/analysis/{survey.slug}/", status=403)
    page.context.clear_cookies()
    sign_in_browser(page, administrator)

    analysis, themes = f"/staff/analysis/{survey.slug}", f"/staff/analysis/themes/codebooks/{codebook.pk}"
    for path in ("/staff/", "/staff/surveys/", "/staff/surveys/channels/", f"/staff/surveys/channels/{CHANNEL}/",
                 f"/staff/surveys/channels/{CHANNEL}/{survey.slug}/poster/",
                 f"/staff/surveys/survey/{survey.slug}/translations/", f"{analysis}/breakdown/",
                 "/staff/analysis/themes/", "/staff/analysis/themes/surveys/passenger-safety/",
                 f"{themes}/answers/", f"{themes}/counts/?by=sex", "/staff/people/", "/staff/people/waves/new/",
                 f"{analysis}/targets/",  # one grid, no chart: tests/browser/test_targets_trends_heatmap.py
                 f"{analysis}/microdata/grants/",
                 f"/staff/people/waves/{wave.pk}/", f"/staff/people/waves/{wave.pk}/staff-list/"):
        audit(path)
    charted = {path: audit(path) for path in (
        f"{analysis}/", f"{analysis}/breakdown/?question=satisfaction&by=sex",
        f"{analysis}/representativeness/", f"{analysis}/report/?question=satisfaction&by=sex")}
    assert all(charted.values()), f"pages without a chart: {charted}"
    screenshot(page, "staff-report")
    page.goto(f"{live_server.url}{analysis}/breakdown/?question=satisfaction&by=sex")
    screenshot(page, "staff-breakdown")

    audit("/staff/surveys/channels/new/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")  # nothing filled in
    assert page.locator(".govuk-error-summary").count() == 1
    audit(None)  # a staff form's error state

    audit(f"{themes}/review/")
    screenshot(page, "staff-themes-review")
    audit(f"{themes}/")
    with page.expect_navigation():
        page.click(f"form[action$='/codebooks/{codebook.pk}/tag/'] button")
    assert re.search(r"/staff/jobs/[0-9a-f-]{36}/$", page.url), page.url
    audit(None)  # the job's progress page, reached by starting one
    audit("/staff/")
    screenshot(page, "staff-home")

    assert len(audited) == 29
    assert not violations, f"{len(violations)} WCAG A/AA violations:\n" + "\n".join(violations)
    assert not chart_problems, "\n".join(chart_problems)
    assert not layout, "\n".join(layout)
    assert len(table_regions) >= 15, table_regions


def chart_faults(chart: dict) -> list[str]:
    """What keeps a chart from being understood without sight or without colour vision."""
    faults = []
    if not (chart["role"] == "img" and chart["name"]) and chart["hidden"] != "true":
        faults.append("neither role=img with an accessible name nor aria-hidden beside a table")
    if not chart["labels"] or chart["rows"] is None or not in_table(chart["labels"], chart["rows"]):
        faults.append(f"groups {chart['labels']} are not all rows of the next table {chart['rows']}")
    if len(set(chart["bars"])) > 1:
        faults.append(f"bars told apart by colour alone: {sorted(set(chart['bars']))}")
    if any(dashes in ("", "none") for _, dashes in chart["references"]):
        faults.append("a reference line drawn like the other lines (not dashed)")
    if (chart["references"] or chart["markers"]) and not chart["keys"]:
        faults.append("reference lines or markers with no text saying what they mean")
    for colour in {*chart["bars"], *(stroke for stroke, _ in chart["references"]), *chart["overBars"]}:
        if contrast(colour, chart["background"]) < NON_TEXT_CONTRAST:
            faults.append(f"{colour} on the page's {chart['background']}: {contrast(colour, chart['background']):.2f}:1")
    for colour in set(chart["overBars"]):  # whiskers and markers are drawn across the bars
        faults += [f"{colour} across a {bar} bar: {contrast(colour, bar):.2f}:1" for bar in set(chart["bars"])
                   if contrast(colour, bar) < NON_TEXT_CONTRAST]
    return faults


def in_table(labels: list[str], rows: list[str]) -> bool:
    """Every group the chart draws is a row of the table (which may add more); long labels
    wrap in the chart, never cut."""
    return all(label in rows for label in labels)


def contrast(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two CSS rgb()/rgba() colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
