"""The transferred weight of every respondent page, as a resident's phone would download it.

A survey (in each of its languages) is walked the way a resident goes through it, with
Django's test client (real middleware, real templates, real database): start page, Start,
an error state (on the first page that requires an answer, if any does), every page, shown
by a few complete generated answer sets in turn, save, resume, check your answers, submit
and confirmation. A staff survey is walked by an invited person while its wave is open.
Call it inside ``rolled_back()`` so the drafts and the response it makes are never stored.

A page's weight is its HTML gzipped at level 6 (zlib's default and Django's GZipMiddleware's,
as a front server compresses dynamic pages) plus, the first time a browser session needs
them, the static files it references: stylesheets, icons, module scripts and their imports,
images, and url()s inside its stylesheets that apply to the page. Static files are weighed
as WhiteNoise serves them to a browser that offers brotli: brotli, else gzip level 9, unless
that saves under 5 % or the type is already compressed (whitenoise.compress). Hashed names
make them immutable, so a browser fetches each once and later pages cost only their HTML. Anything fetched from another host is a
third-party request, reported on its own.
"""

import gzip
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from whitenoise.compress import Compressor

from surveys import gates, journey, services
from surveys.definition import for_version
from surveys.demo.generate import covering_answer_sets
from surveys.models import ResponseDraft, Survey
from surveys.waves import selectors as staff_selectors
from surveys.waves import services as staff_services
from surveys.waves.models import StaffMember

HTML_GZIP_LEVEL = 6
# Tags whose src the browser fetches as the page loads, and link types it fetches (or connects to).
FETCHED_LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "modulepreload", "preload", "prefetch", "manifest",
                     "preconnect", "dns-prefetch"}
_COMPRESSOR = Compressor(quiet=True)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")
_JS_IMPORT = re.compile(r"""(?:\bimport\s*\(?|\bfrom)\s*['"]([^'"]+)['"]""")
_CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_MANIFEST_HASH = re.compile(r"\.[0-9a-f]{12}(\.\w+)$")  # ManifestStaticFilesStorage: app.3f2a1b9c8d7e.css


class WalkError(Exception):
    """A page of the journey did not answer as a resident's browser expects."""


class NotMeasurable(Exception):
    """The survey takes no answers from residents now (e.g. a staff survey with no open wave)."""


@dataclass(frozen=True)
class PageWeight:
    label: str
    url: str
    html_bytes: int
    html_gzip_bytes: int
    assets: dict[str, int]  # static files first needed on this page -> bytes transferred
    third_party: tuple[str, ...] = ()
    unweighable: tuple[str, ...] = ()  # same-site references that are not static files
    first_load: bool = False  # opened with nothing cached: the first-load budget applies

    @property
    def asset_bytes(self) -> int:
        return sum(self.assets.values())

    @property
    def total(self) -> int:
        return self.html_gzip_bytes + self.asset_bytes


@dataclass
class SurveyWeight:
    slug: str
    language: str
    pages: list[PageWeight] = field(default_factory=list)

    @property
    def first(self) -> PageWeight:
        return self.pages[0]

    @property
    def later(self) -> list[PageWeight]:
        """Pages opened with the static files already cached."""
        return [page for page in self.pages if not page.first_load]


class BrowserSession:
    """One browser with an empty cache: each static file costs bytes on the first page needing it."""

    def __init__(self, host: str = "testserver"):
        self.host, self.fetched = host, set()

    def weigh(self, label: str, url: str, html: str) -> PageWeight:
        first_load = not self.fetched
        body = html.encode()
        refs = _PageReferences.of(html)
        assets, third_party, unweighable, needed = {}, [], [], set()
        pending = [urljoin(url, ref) for ref in refs.urls]
        while pending:
            asset_url = pending.pop(0)
            parts = urlsplit(asset_url)
            if parts.scheme in ("data", "blob", "about") or asset_url.startswith("#"):
                continue
            if parts.netloc and parts.netloc != self.host:
                third_party.append(asset_url)
                continue
            found = static_file(parts.path)
            if found is None:
                unweighable.append(parts.path)
                continue
            name, content = found
            if name in needed:  # one file under its hashed and plain name is still one file
                continue
            needed.add(name)
            if name not in self.fetched:
                self.fetched.add(name)
                assets[parts.path] = transferred_size(name, content)
            # A cached stylesheet still applies to this page, and may apply rules the last one did not.
            pending += [urljoin(asset_url, ref) for ref in _asset_references(parts.path, content, refs.classes)]
        return PageWeight(label, url, len(body), len(gzip.compress(body, HTML_GZIP_LEVEL, mtime=0)), assets,
                          tuple(dict.fromkeys(third_party)), tuple(dict.fromkeys(unweighable)), first_load)


class _PageReferences(HTMLParser):
    """What a browser fetches while loading the HTML, and the classes its elements carry."""

    def __init__(self):
        super().__init__()
        self.urls, self.classes = [], set()

    @classmethod
    def of(cls, html: str) -> "_PageReferences":
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if tag == "link" and FETCHED_LINK_RELS & set((attrs.get("rel") or "").lower().split()):
            self.urls.append(attrs.get("href") or "")
        elif attrs.get("src") and tag != "a":
            self.urls.append(attrs["src"])
        if attrs.get("style"):
            self.urls += [m.group(2) for m in _CSS_URL.finditer(attrs["style"])]


def static_file(path: str) -> tuple[str, bytes] | None:
    """The static file a URL path names, found by the staticfiles finders on disk: its name
    (without the hash a manifest storage adds) and its bytes. None if it is not one."""
    if not path.startswith(settings.STATIC_URL):
        return None
    name = _MANIFEST_HASH.sub(r"\1", path.removeprefix(settings.STATIC_URL))
    found = finders.find(name)
    if not found:
        return None
    with open(found, "rb") as file:
        return name, file.read()


def transferred_size(name: str, content: bytes) -> int:
    """Bytes WhiteNoise sends for a static file to a browser that offers brotli (every current
    browser over HTTPS): its .br when it made one, else its .gz (level 9), else the file."""
    if not _COMPRESSOR.should_compress(name):
        return len(content)
    for encoding, compress in (("Brotli", Compressor.compress_brotli), ("Gzip", Compressor.compress_gzip)):
        compressed = compress(content)
        if _COMPRESSOR.is_compressed_effectively(encoding, name, len(content), compressed):
            return len(compressed)
    return len(content)


def _asset_references(path: str, content: bytes, page_classes: set[str]) -> list[str]:
    """Files a stylesheet or module script makes the browser fetch in turn. A url() in a CSS
    rule is fetched only when the rule applies, so one naming only classes the page does
    not use (e.g. a footer crest the page has no footer for) is left out."""
    if path.endswith(".css"):
        css = _CSS_COMMENT.sub("", content.decode("utf-8", "replace"))
        urls = [m.group(2) for m in _CSS_URL.finditer(css) if _rule_applies(css, m.start(), page_classes)]
        return urls + _CSS_IMPORT.findall(css)
    if path.endswith((".js", ".mjs")):
        return _JS_IMPORT.findall(content.decode("utf-8", "replace"))
    return []


def _rule_applies(css: str, position: int, page_classes: set[str]) -> bool:
    opening, closing = css.rfind("{", 0, position), css.rfind("}", 0, position)
    if opening <= closing:
        return True  # not inside a rule (@import url(...))
    start = max(css.rfind(mark, 0, opening) for mark in "{};") + 1
    classes = set(_CSS_CLASS.findall(css[start:opening]))
    return not classes or bool(classes & page_classes)  # @font-face and element rules always apply


@contextmanager
def rolled_back():
    """A transaction that is always rolled back: the walk stores nothing. Compiled definitions
    cached by version id are forgotten too, as the ids are freed for reuse."""
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        for_version.cache_clear()


def open_surveys(slugs=None) -> list[Survey]:
    """Surveys residents can answer now (all, or those named), standard surveys first."""
    surveys = Survey.objects.filter(status=Survey.Status.OPEN, current_version__isnull=False)
    if slugs:
        surveys = surveys.filter(slug__in=slugs)
    return sorted(surveys, key=lambda s: (s.variant_of_id is not None, s.slug))


def answer_sets_for(definition) -> list[dict]:
    """Complete, valid answer sets that between them show every page, fullest first."""
    try:
        return covering_answer_sets(definition, today=timezone.localdate())
    except ValueError as error:
        raise WalkError(str(error)) from error


def measure_survey(survey: Survey) -> list[SurveyWeight]:
    """Walk ``survey`` in English and in each of its translations; call inside ``rolled_back()``."""
    languages = ["en", *sorted(for_version(survey.current_version_id).data.get("translations", {}))]
    return [_Walk(survey, language).run() for language in languages]


class _Walk:
    """One resident, in one language, with a fresh browser, from start page to confirmation."""

    def __init__(self, survey: Survey, language: str):
        self.survey, self.language = survey, language
        self.client = Client()
        self.session = BrowserSession()
        self.result = SurveyWeight(survey.slug, language)

    def url(self, name, **kwargs) -> str:
        return reverse(f"surveys:{name}", kwargs={"slug": self.survey.slug, **kwargs})

    def run(self) -> SurveyWeight:
        if gates.is_gated(self.survey):
            self._accept_invitation()
        start = self.get("start", journey.with_language(self.url("start"), self.language))
        # Press Start, posting back what the start page's form holds, as a browser does.
        hidden = dict(re.findall(r'<input type="hidden" name="(channel|language)" value="([^"]*)"', start))
        self.follow(self.client.post(self.url("begin"), hidden))
        definition = for_version(self.survey.current_version_id, self.language)
        self._error_state(definition)
        draft = self._draft()
        answer_sets, weighed = answer_sets_for(definition), set()
        for answers in answer_sets:
            draft.answers = answers
            services.draft_save_answers(draft)
            for page in definition.visible_pages(answers):
                if page["key"] not in weighed:
                    weighed.add(page["key"])
                    self.get(page["key"], self.url("page", page_key=page["key"]))
        draft.answers = answer_sets[0]  # the fullest: check answers shows the most
        services.draft_save_answers(draft)
        self.get("check answers", self.url("check"))
        self.get("save", self.url("save"))
        self.weigh("save: code given", self.url("save"), self.client.post(self.url("save")), expect=200)
        resume = journey.with_language(self.url("resume"), self.language)
        self.get("resume", resume)
        # Someone resuming on another phone arrives there with nothing cached.
        self.result.pages.append(BrowserSession().weigh("resume, on another device", resume,
                                                        self._ok(Client().get(resume), "resume", 200)))
        done = self.follow(self.client.post(self.url("check")))
        self.get("confirmation", done)
        return self.result

    def get(self, label: str, url: str) -> str:
        return self.weigh(label, url, self.client.get(url), expect=200)

    def weigh(self, label: str, url: str, reply, expect: int) -> str:
        html = self._ok(reply, label, expect)
        self.result.pages.append(self.session.weigh(label, url, html))
        return html

    def _ok(self, reply, label: str, expect: int) -> str:
        if reply.status_code != expect:
            raise WalkError(f"{self.survey.slug} [{self.language}] {label}: {reply.request['PATH_INFO']} answered "
                            f"{reply.status_code}, not {expect}")
        return reply.content.decode()

    def follow(self, reply) -> str:
        if reply.status_code != 302:
            raise WalkError(f"{self.survey.slug} [{self.language}]: expected a redirect, got {reply.status_code}")
        return reply["Location"]

    def _error_state(self, definition) -> None:
        """Continue with nothing entered on the first page that requires an answer."""
        for page in definition.visible_pages({}):
            if any(q.get("required") for q in definition.visible_questions(page, {})):
                url = self.url("page", page_key=page["key"])
                self.weigh(f"error: {page['key']}", url, self.client.post(url, {"action": "continue"}), expect=200)
                return

    def _draft(self) -> ResponseDraft:
        """The draft this browser's signed cookie names, found by the journey's own lookup."""
        request = RequestFactory().get(self.url("start"))
        request.COOKIES = {name: morsel.value for name, morsel in self.client.cookies.items()}
        return journey.current_draft(request, self.survey)

    def _accept_invitation(self) -> None:
        """A staff survey admits invited staff only: invite one person (rolled back with the
        rest) and follow their personal link, as they would from the email."""
        wave = staff_selectors.wave_open_for(self.survey)
        if wave is None:
            raise NotMeasurable(f"{self.survey.slug}: a staff survey with no open wave")
        token = secrets.token_urlsafe(24)
        StaffMember.objects.create(wave=wave, email=f"page-weight-{token[:8].lower()}@example.org",
                                   invitation_hash=staff_services.token_hash(token))
        self.follow(self.client.get(reverse("people:invite", kwargs={"token": token})))


def budget_problems(results: list[SurveyWeight], first_budget: int, later_budget: int) -> list[str]:
    """Every page over its budget (bytes) and every third-party or unweighable reference."""
    problems = []
    for result in results:
        for page in result.pages:
            where = f"{result.slug} [{result.language}] {page.label} ({page.url})"
            budget = first_budget if page.first_load else later_budget
            if page.total > budget:
                problems.append(f"{where}: {page.total:,} bytes, {page.total - budget:,} over the "
                                f"{'first' if page.first_load else 'later'}-page budget of {budget:,}")
            problems += [f"{where}: third-party request {url}" for url in page.third_party]
            problems += [f"{where}: {path} is not a static file, so its weight is unknown"
                         for path in page.unweighable]
    return problems
