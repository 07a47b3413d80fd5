"""Every staff URL, enumerated from the URL configuration, requested as someone holding every
role in another programme and as someone with no role (engagement/access.py decides).

The attacker gets 403 or 404 for every object of this programme, GET and POST, learns nothing
of it from the lists, and changes nothing; an administrator of this programme is let in
everywhere (so the walk really reaches the views).
"""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from analysis.themes.models import Codebook, DiscoveredTheme, DiscoveryRun, Theme
from engagement.models import AuditEvent, Job, Programme, Role, RoleAssignment, User
from engagement.tokens import token_create
from surveys.models import Channel, Page, Survey
from surveys.waves.models import Wave
from tests.conftest import PASSWORD

MARKER = "Zanzibar Crossing 7731"  # this programme's names; must not appear to anyone else
PUBLIC = {"people:invite"}  # a member of staff's personal invitation link: no sign-in
REFUSED = {403, 404, 405}
# A role is not enough: microdata needs a grant per survey (tests/exports/test_microdata.py).
NEEDS_A_GRANT = {"analysis:survey-microdata"}  # 405: GET on a POST-only action (its POST is tried too)
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _staff_routes():
    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith("staff/"):
                yield ":".join(filter(None, [namespace, pattern.name])), "/" + prefix + str(pattern.pattern)

    return sorted(walk(get_resolver().url_patterns, "", ""))


@pytest.fixture
def world(published_survey, programme, author):
    """One of everything in this programme, named with the marker."""
    survey = published_survey()
    Survey.objects.filter(pk=survey.pk).update(title=f"{MARKER} survey")
    administrator = User.objects.create_user("cv-admin@example.org", PASSWORD)
    RoleAssignment.objects.create(user=administrator, role=Role.ADMINISTRATOR, programme=programme)
    wave = Wave.objects.create(survey=survey, name=f"{MARKER} wave", opens_on=datetime.date(2026, 1, 1),
                               closes_on=datetime.date(2026, 12, 31))
    codebook = Codebook.objects.create(survey=survey, question_code="improve", name=f"{MARKER} codebook")
    theme = Theme.objects.create(codebook=codebook, name=f"{MARKER} theme")
    run = DiscoveryRun.objects.create(survey=survey, question_code="improve")
    found = DiscoveredTheme.objects.create(run=run, number=1, label=MARKER, name=f"{MARKER} found")
    channel = Channel.objects.create(code="cv-library", name="Central library", kind=Channel.Kind.QR,
                                     programme=programme)
    job = Job.objects.create(kind="themes.discover", created_by=administrator, message=MARKER)
    token, _ = token_create(user=administrator, name=f"{MARKER} token", programmes=[programme], can_write=False,
                            days=7)
    page = survey.pages.filter(questions__type="single").first()
    question = page.questions.first()
    values = {"action": "up", "slug": survey.slug, "code": channel.code, "language": "cy", "fmt": "csv", "token": "not-a-token",
              "job_id": str(job.pk), "answer_pk": "999999", "prefix": token.prefix, "item": "statement",
              "assignment_pk": str(author.role_assignments.get().pk)}

    def path_for(name, route):
        def value(match):
            parameter = match.group(1)
            if parameter == "pk" and "/build/" in route:
                return str(page.pk if "/pages/" in route else question.pk)
            if parameter == "pk":
                return str({"people": wave.pk, "roles": author.pk}.get(name.split(":")[0])
                           or (run.pk if "/discoveries/" in route else codebook.pk))
            if parameter == "theme_pk":
                return str(found.pk if "/discoveries/" in route else theme.pk)
            return values[parameter]

        return PARAMETER.sub(value, route)

    routes = [(name, path_for(name, route), "<" in route) for name, route in _staff_routes() if name not in PUBLIC]
    return {"routes": routes, "administrator": administrator}


def _everything_in_another_programme():
    elsewhere = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    user = User.objects.create_user("elsewhere@example.org", PASSWORD)
    for role in Role:
        RoleAssignment.objects.create(user=user, role=role, programme=elsewhere)
    return user


def test_the_walk_covers_every_area(world):
    names = {name for name, _, _ in world["routes"]}
    assert len(names) > 45
    for area in ["analysis:", "analysis:themes:", "people:", "roles:", "surveys_staff:build", "job-detail"]:
        assert any(name.startswith(area) for name in names), area


def test_every_role_of_another_programme_is_refused_this_programmes_objects(world, signed_in):
    client = signed_in(_everything_in_another_programme())
    counts = (AuditEvent.objects.count(), Page.objects.count(), RoleAssignment.objects.count(), Wave.objects.count())
    for name, path, names_an_object in world["routes"]:
        got = client.get(path)
        if names_an_object:
            assert got.status_code in REFUSED, f"GET {name} {path}: {got.status_code}"
            posted = client.post(path, {"role": "administrator", "programme": "all", "name": "x"})
            assert posted.status_code in REFUSED, f"POST {name} {path}: {posted.status_code}"
        else:
            assert MARKER not in got.content.decode(errors="replace"), f"{name} shows this programme"
    assert counts == (AuditEvent.objects.count(), Page.objects.count(), RoleAssignment.objects.count(),
                      Wave.objects.count())


def test_someone_with_no_role_is_refused_every_object_and_sees_nothing_in_the_lists(world, outsider, signed_in):
    client = signed_in(outsider)
    for name, path, names_an_object in world["routes"]:
        got = client.get(path)
        if names_an_object:
            assert got.status_code in REFUSED, f"GET {name} {path}: {got.status_code}"
            assert client.post(path).status_code in {403, 404}, f"POST {name} {path}"
        else:
            assert got.status_code in REFUSED or MARKER not in got.content.decode(errors="replace"), name


def test_this_programmes_administrator_is_let_in_everywhere(world, signed_in):
    client = signed_in(world["administrator"])
    for name, path, _ in world["routes"]:
        status = client.get(path).status_code
        assert status != 403 or name in NEEDS_A_GRANT, f"GET {name} {path}"


def test_the_builder_is_for_this_programmes_authors_and_administrators_only(world, signed_in, author, analyst):
    """Every builder URL as each role of this programme: an analyst is refused every one, GET
    and POST, and changes nothing; an author and an administrator reach them all."""
    builder = [(name, path) for name, path, _ in world["routes"] if name.startswith("surveys_staff:build")]
    assert {name for name, _ in builder} >= {
        "surveys_staff:build", "surveys_staff:build-new", "surveys_staff:build-preview",
        "surveys_staff:build-question-edit", "surveys_staff:build-page-rename", "surveys_staff:build-grid-item",
        "surveys_staff:build-route", "surveys_staff:build-publish"}
    counts = (AuditEvent.objects.count(), Page.objects.count(), Survey.objects.get(title__startswith=MARKER).status)
    client = signed_in(analyst)
    for name, path in builder:
        assert client.get(path).status_code in {403, 405}, f"GET {name} {path}"
        posted = client.post(path, {"title": "Injected", "text": "Injected", "programme": "1", "type": "text"})
        assert posted.status_code == 403, f"POST {name} {path}: {posted.status_code}"
    assert counts == (AuditEvent.objects.count(), Page.objects.count(),
                      Survey.objects.get(title__startswith=MARKER).status)
    for person in (author, world["administrator"]):
        client = signed_in(person)
        for name, path in builder:
            assert client.get(path).status_code not in {403, 500}, f"GET {name} {path} as {person}"
