"""The Django admin is for platform operators only (engagement/admin_access.py).

Every admin URL is enumerated from the admin site's own URL patterns (so a model registered
later is walked too) and requested, GET and POST, as every role: author, analyst and
administrator of the programme, an administrator of every programme who is not a superuser,
the same roles in another programme, and someone with no role. All are refused with 403 and
nothing changes; signed-out visitors are sent to the product's sign-in page; a superuser gets
the pages. Before this, a programme administrator could tick is_superuser on their own record
and an author could add pages to another programme's draft (issue 18).
"""

import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver

from engagement.models import AuditEvent, Job, Programme, Role, RoleAssignment, User
from surveys.models import Channel, Page, Question, Survey
from tests.conftest import PASSWORD

ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _admin_paths():
    """Every URL of the admin site, with real object ids where a pattern takes one."""
    survey = Survey.objects.first()
    content_type = ContentType.objects.get_for_model(Survey)
    app_labels = sorted({model._meta.app_label for model in admin.site._registry})
    models = {f"{model._meta.app_label}/{model._meta.model_name}/": model for model in admin.site._registry}

    def object_id(model):
        obj = model._default_manager.first()
        return str(obj.pk) if obj is not None else "1"

    def walk(patterns, prefix, model):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern),
                                models.get(str(pattern.pattern), model))
                continue
            assert isinstance(pattern, URLPattern)
            route = str(pattern.pattern)
            if pattern.name == "app_list":
                yield from (f"{prefix}{label}/" for label in app_labels)
            elif route.startswith("(?P<url>"):  # the catch-all
                yield f"{prefix}no-such-page/"
            elif route.startswith("r/"):  # "view on site"
                yield f"{prefix}r/{content_type.pk}/{survey.pk}/"
            else:
                yield prefix + ROUTE_PARAMETER.sub(lambda match: object_id(model), route)

    return sorted(set(walk(admin.site.urls[0], "/admin/", None)))


@pytest.fixture
def other_programme(db):
    return Programme.objects.create(slug="passenger-safety", name="Passenger Safety")


@pytest.fixture
def everything(published_survey, author, analyst, other_programme):
    """One row of every model the admin shows, so change, history and delete pages exist."""
    published_survey()
    Channel.objects.create(code="qr-poster", name="QR poster", kind=Channel.Kind.QR)
    AuditEvent.objects.create(action="test.event", target="x")
    Job.objects.create(kind="test.job")
    return _admin_paths()


def _persona(email, *roles):
    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=True)
    for role, programme in roles:
        RoleAssignment.objects.create(user=user, role=role, programme=programme)
    return user


REFUSED_PERSONAS = {
    "author": lambda p, o: [(Role.AUTHOR, p)],
    "analyst": lambda p, o: [(Role.ANALYST, p)],
    "programme administrator": lambda p, o: [(Role.ADMINISTRATOR, p)],
    "administrator of every programme": lambda p, o: [(Role.ADMINISTRATOR, None)],
    "every role in another programme": lambda p, o: [(Role.AUTHOR, o), (Role.ANALYST, o),
                                                      (Role.ADMINISTRATOR, o)],
    "no role": lambda p, o: [],
}


@pytest.mark.parametrize("persona", REFUSED_PERSONAS)
def test_every_admin_url_refuses_every_role_but_platform_operators(persona, everything, programme, other_programme,
                                                                  signed_in):
    user = _persona("walker@example.org", *REFUSED_PERSONAS[persona](programme, other_programme))
    client = signed_in(user)
    pages_before = Page.objects.count()
    assert len(everything) > 80  # every model's list, add, change, history, delete pages and the site's own
    for path in everything:
        assert client.get(path).status_code == 403, f"GET {path}"
        assert client.post(path, {"title": "Injected", "is_superuser": "on"}).status_code == 403, f"POST {path}"
    user.refresh_from_db()
    assert not user.is_superuser and Page.objects.count() == pages_before


def test_a_programme_administrator_cannot_make_themselves_superuser(programme, signed_in):
    """The attack from issue 18, replayed: it worked through /admin/engagement/user/<id>/change/."""
    admin_user = _persona("scoped-admin@example.org", (Role.ADMINISTRATOR, programme))
    reply = signed_in(admin_user).post(f"/admin/engagement/user/{admin_user.pk}/change/", {
        "email": admin_user.email, "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "role_assignments-TOTAL_FORMS": "1", "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-0-id": str(admin_user.role_assignments.get().pk), "role_assignments-0-role": "administrator",
        "role_assignments-0-programme": ""})
    assert reply.status_code == 403
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser
    assert admin_user.role_assignments.get().programme == programme


def test_an_author_cannot_inject_a_page_into_another_programmes_draft(published_survey, author, other_programme,
                                                                      signed_in, demo_definition):
    other = published_survey(demo_definition, slug="passenger-draft", programme=other_programme)
    before = Page.objects.filter(survey=other).count()
    reply = signed_in(author).post("/admin/surveys/page/add/", {
        "survey": other.pk, "position": 99, "key": "injected", "title": "Injected", "condition": "null",
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"})
    assert reply.status_code == 403
    assert Page.objects.filter(survey=other).count() == before


def test_signed_out_visitors_are_sent_to_the_products_sign_in(everything, client):
    for path in everything:
        reply = client.get(path)
        assert reply.status_code == 302 and reply.url.startswith("/accounts/login/"), path


def test_platform_operators_get_every_admin_page(everything, signed_in):
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    client = signed_in(operator)
    for path in everything:
        status = client.get(path).status_code
        # 405: logout is POST only; 302: the bare object URL and login redirect; 404: a
        # model with no rows, or the catch-all. 403 only where the model admin itself forbids
        # it (the audit log is never added to or deleted from) or autocomplete names no field.
        refused = path == "/admin/autocomplete/" or path.endswith(("/add/", "/delete/"))
        assert status in {200, 302, 404, 405} | ({403} if refused else set()), f"GET {path}: {status}"
    for path in ["/admin/", "/admin/engagement/user/", f"/admin/engagement/user/{operator.pk}/change/",
                 "/admin/surveys/survey/import/", "/admin/surveys/page/add/",
                 f"/admin/surveys/question/{Question.objects.first().pk}/change/"]:
        assert client.get(path).status_code == 200, path
