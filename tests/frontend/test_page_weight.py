"""manage.py page_weight: every respondent page within its weight budget (standards.md §2.4).

The command walks each survey through Django's test client against the real database; these
tests run it as CI does and read what it prints. tests/browser/test_page_weight_command.py
checks its first-page figure against what Chromium really downloads.
"""

import datetime
import json
import re
import secrets
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from engagement.models import Programme
from frontend import weight
from surveys.definition import for_version
from surveys.demo.loading import DEMO_DIR, demo_surveys_publish
from surveys.journey import with_language
from surveys.waves.models import Wave

SECTION = re.compile(r"^(\S+) \[([\w-]+)\]$")
ROW = re.compile(r"^  (.{32}) +([\d,]+) +([\d,]+) +([\d,]+) +([\d,]+)  (\S+)$")
OVER = re.compile(r"^  (\S+) \[([\w-]+)\] (.+) \((\S+)\): ([\d,]+) bytes, ([\d,]+) over the (first|later)-page "
                  r"budget of ([\d,]+)$")


def run(*args) -> str:
    out = StringIO()
    call_command("page_weight", *args, stdout=out)
    return out.getvalue()


def tables(output: str) -> dict[tuple[str, str], list[dict]]:
    """The command's tables: (slug, language) -> rows of label, url and byte counts."""
    found, rows = {}, None
    for line in output.splitlines():
        if section := SECTION.match(line):
            rows = found.setdefault(section.groups(), [])
        elif rows is not None and (row := ROW.match(line)):
            label, html, html_gzip, assets, total, url = row.groups()
            rows.append({"label": label.strip(), "url": url, "html": _int(html), "gzip": _int(html_gzip),
                         "assets": _int(assets), "total": _int(total)})
    return found


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_the_demo_run_walks_every_page_of_every_survey_and_language_and_stores_nothing():
    before = row_counts()
    output = run("--demo")
    assert row_counts() == before, "the walk left rows behind"
    assert "Every page is within budget" in output

    measured = tables(output)
    expected = {}
    with weight.rolled_back():  # publish the same demo surveys again, only to read their definitions
        demo_surveys_publish()
        for survey in weight.open_surveys():
            for language in ["en", *for_version(survey.current_version_id).data.get("translations", {})]:
                definition = for_version(survey.current_version_id, language)
                expected[survey.slug, language] = {f"/s/{survey.slug}/q/{page['key']}/" for page in definition.pages}
    assert ("citizens-voice-2026", "cy") in expected and ("citizens-voice-2026", "ar") in expected
    assert "citizens-voice-2026-easy-read" in {slug for slug, _ in expected}
    assert set(measured) == set(expected)

    for (slug, language), rows in measured.items():
        urls = [row["url"] for row in rows]
        labels = [row["label"] for row in rows]
        assert urls[0] == with_language(f"/s/{slug}/", language)
        question_pages = [row["url"] for row in rows if "/q/" in row["url"] and not row["label"].startswith("error")]
        assert len(question_pages) == len(set(question_pages)), "a page was weighed twice"
        assert set(question_pages) == expected[slug, language], (slug, language)  # every page of the survey
        assert labels[-6:] == ["check answers", "save", "save: code given", "resume", "resume, on another device",
                               "confirmation"]
        cold = [rows[0], rows[-2]]  # the start page, and resuming with nothing cached
        assert all(row["assets"] > 10_000 for row in cold), "a first load fetches the stylesheet and scripts"
        assert all(row["assets"] == 0 for row in rows if row not in cold), "later pages re-fetched cached files"
        assert all(row["total"] == row["gzip"] + row["assets"] and row["gzip"] < row["html"] for row in rows)
    # An error state is measured wherever a page requires an answer (Citizen's Voice and Easy Read).
    assert measured["citizens-voice-2026", "en"][1]["label"] == "error: area"
    assert any(row["label"].startswith("error: ") for row in measured["citizens-voice-2026-easy-read", "en"])


@pytest.mark.django_db
def test_a_page_over_budget_fails_naming_the_page_and_by_how_much():
    out = StringIO()
    with pytest.raises(CommandError) as failure:  # budgets every page of the Easy Read survey exceeds
        call_command("page_weight", "--demo", "--survey", "citizens-voice-2026-easy-read",
                     "--first-budget-kb", "20", "--later-budget-kb", "0.5", stdout=out)
    overs = [OVER.match(line) for line in str(failure.value).splitlines()[1:]]
    assert overs and all(overs), str(failure.value)
    [rows] = tables(out.getvalue()).values()
    assert [(m.group(1), m.group(2), m.group(3), m.group(4), _int(m.group(5))) for m in overs] == \
        [("citizens-voice-2026-easy-read", "en", row["label"], row["url"], row["total"]) for row in rows]
    first_loads = {"start", "resume, on another device"}
    for over in overs:
        budget = 20_480 if over.group(3) in first_loads else 512
        assert over.group(7) == ("first" if budget == 20_480 else "later")
        assert _int(over.group(8)) == budget and _int(over.group(6)) == _int(over.group(5)) - budget


@pytest.mark.django_db
def test_a_heavy_page_intro_in_a_published_survey_is_caught(published_survey, demo_definition):
    # Random text, which gzip cannot shrink much: about 30 KB over the wire on its own.
    demo_definition["pages"][1]["intro"] = secrets.token_urlsafe(40_000)
    heavy_key = demo_definition["pages"][1]["key"]
    survey = published_survey(demo_definition, slug="heavy-intro")
    with pytest.raises(CommandError) as failure:
        run("--survey", survey.slug)
    problems = str(failure.value).splitlines()[1:]
    assert len(problems) == 1, problems  # only that page; the database's survey, not the demo
    over = OVER.match(problems[0])
    assert over and over.group(1, 3, 7) == ("heavy-intro", heavy_key, "later"), problems


@pytest.mark.django_db
def test_an_unknown_survey_is_a_clear_error():
    with pytest.raises(CommandError, match="No open survey with the slug no-such-survey"):
        run("--survey", "no-such-survey")


def test_references_to_another_host_are_third_party_requests_and_links_are_not():
    html = """<html><head>
      <link rel="stylesheet" href="https://fonts.example.com/css?family=Inter">
      <link rel="preconnect" href="https://cdn.example.net">
      <script src="//cdn.example.net/analytics.js"></script>
    </head><body>
      <a href="https://www.gov.uk/">GOV.UK</a>
      <img src="http://tracker.example.org/pixel.gif" alt="">
      <div style="background: url('https://img.example.org/bg.png')"></div>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
    </body></html>"""
    page = weight.BrowserSession().weigh("start", "/s/x/", html)
    assert page.third_party == ("https://fonts.example.com/css?family=Inter", "https://cdn.example.net",
                                "//cdn.example.net/analytics.js", "http://tracker.example.org/pixel.gif",
                                "https://img.example.org/bg.png")
    assert page.assets == {} and page.unweighable == ()
    problems = weight.budget_problems([weight.SurveyWeight("x", "en", [page])], 100 * 1024, 20 * 1024)
    assert problems == [f"x [en] start (/s/x/): third-party request {url}" for url in page.third_party]


def test_static_files_count_once_per_session_as_whitenoise_serves_them(settings, tmp_path):
    """Stylesheets' url()s count when their rule can apply to the page; fonts always; module
    imports too; a file under its hashed name is the same file."""
    static = tmp_path / "site"
    (static / "img").mkdir(parents=True)
    css = (".footer__logo::before{background:url(img/crest.svg)}"
           "@font-face{font-family:x;src:url('/static/font.woff2')}"
           "body{color:#0b0c0c}.cdn{background:url(https://cdn.example.com/x.png)}" * 20)
    (static / "site.css").write_text(css)
    (static / "img" / "crest.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + "<g/>" * 500 + "</svg>")
    (static / "font.woff2").write_bytes(secrets.token_bytes(3000))
    (static / "init.js").write_text("import { initAll } from './lib.js'\ninitAll()\n")
    (static / "lib.js").write_text("export function initAll() { return 1 }\n" * 50)
    settings.STATICFILES_DIRS = [static]
    session = weight.BrowserSession()

    first = session.weigh("start", "/s/x/", '<link rel="stylesheet" href="/static/site.css">'
                                            '<link rel="modulepreload" href="/static/lib.0123456789ab.js">'
                                            '<script type="module" src="/static/init.js"></script>')
    assert set(first.assets) == {"/static/site.css", "/static/font.woff2", "/static/lib.0123456789ab.js",
                                 "/static/init.js"}
    assert first.assets["/static/site.css"] == weight.transferred_size("site.css", css.encode()) < len(css) / 5
    assert first.assets["/static/font.woff2"] == 3000  # already compressed: sent as it is
    assert first.third_party == () and first.unweighable == ()

    later = session.weigh("check", "/s/x/check/", '<link rel="stylesheet" href="/static/site.css">'
                                                  '<footer><span class="footer__logo"></span></footer>'
                                                  '<img src="/static/missing.png" alt="">'
                                                  '<div class="cdn"></div>')
    assert set(later.assets) == {"/static/img/crest.svg"}  # the rule now applies; the rest is cached
    assert later.unweighable == ("/static/missing.png",)
    assert later.third_party == ("https://cdn.example.com/x.png",)
    assert later.total == later.html_gzip_bytes + later.asset_bytes


@pytest.mark.django_db
def test_a_staff_survey_is_walked_with_an_invitation_while_its_wave_is_open(published_survey):
    staff_survey = published_survey(json.loads((DEMO_DIR / "staff-engagement.json").read_text()),
                                    programme=Programme.objects.create(slug="staff-engagement", name="Staff"))
    today = timezone.localdate()
    wave = Wave.objects.create(survey=staff_survey, name="2026", opens_on=today - datetime.timedelta(days=7),
                               closes_on=today + datetime.timedelta(days=7))
    before = row_counts()
    measured = tables(run("--survey", staff_survey.slug))  # a refusal (403) would break the walk
    assert row_counts() == before, "the invitation, participation or response was kept"
    rows = measured["staff-survey", "en"]
    assert rows[0]["label"] == "start" and rows[-1]["label"] == "confirmation" and len(rows) > 20

    wave.closes_on = today - datetime.timedelta(days=1)
    wave.save()
    output = run("--survey", staff_survey.slug)
    assert "Not measured: staff-survey: a staff survey with no open wave" in output and not tables(output)
