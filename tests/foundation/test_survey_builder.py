"""The survey builder (surveys/builder.py, surveys/builder_views.py): an author builds, routes and
publishes a survey through the staff pages with forms only, and a respondent answers it."""

import pytest

from engagement.models import AuditEvent, Programme, Role, RoleAssignment, User
from surveys.definition import for_version
from surveys.models import Page, Question, Survey
from tests.conftest import PASSWORD

BUILD = "/staff/surveys/survey/travel-2026/build/"


@pytest.fixture
def author_client(signed_in, author):
    return signed_in(author)


def _new_survey(client, programme, **extra):
    reply = client.post("/staff/surveys/build/new/", {"programme": programme.pk, "title": "Travel 2026",
                                                      "description": "How you travel", **extra})
    assert reply.status_code == 302 and reply.url == BUILD
    return Survey.objects.get(slug="travel-2026")


def _add_question(client, page, type, **fields):
    reply = client.post(f"{BUILD}pages/{page.pk}/questions/add/", {"type": type, **fields})
    assert reply.status_code == 302, reply.content.decode()[:2000]
    return page.questions.order_by("-position").first()


def test_an_author_builds_routes_publishes_and_a_respondent_answers(author_client, author, programme, client):
    survey = _new_survey(author_client, programme)
    assert author_client.post(BUILD, {"title": "How you travel"}).status_code == 302
    assert author_client.post(BUILD, {"title": "Buses"}).status_code == 302
    first, buses = survey.pages.order_by("position")
    mode = _add_question(author_client, first, "single", text="How do you usually travel?",
                         options="Bus\nTrain\nWalk", required="on")
    grid = _add_question(author_client, buses, "grid", text="How far do you agree?", scale_min=1, scale_max=5,
                         min_label="Strongly disagree", max_label="Strongly agree")
    for statement in ["Buses are on time", "Buses are clean"]:
        assert author_client.post(f"{BUILD}questions/{grid.pk}/items/", {"text": statement}).status_code == 302
    assert author_client.post(f"{BUILD}pages/{buses.pk}/route/", {"route": f"{mode.code}=bus"}).status_code == 302

    summary = author_client.get(f"{BUILD}publish/").content.decode()
    assert "New question: How do you usually travel?" in summary and "break comparability" not in summary
    assert author_client.post(f"{BUILD}publish/").status_code == 302
    survey.refresh_from_db()
    definition = for_version(survey.current_version_id)
    assert survey.is_open and [c.code for c in mode.choices.all()] == ["bus", "train", "walk"]
    assert buses.__class__.objects.get(pk=buses.pk).condition == {"question": mode.code, "equals": "bus"}
    assert definition is not None

    # A respondent who walks skips the bus page; one who takes the bus is asked about it.
    assert client.get("/s/travel-2026/").status_code == 200
    begun = client.post("/s/travel-2026/begin/")
    assert begun.status_code == 302
    answered = client.post(begun.url, {mode.code: "walk"})
    assert answered.status_code == 302 and "/check/" in answered.url
    bus_rider = client.__class__()
    begun = bus_rider.post("/s/travel-2026/begin/")
    answered = bus_rider.post(begun.url, {mode.code: "bus"})
    assert answered.url.endswith("/q/buses/")
    page = bus_rider.get(answered.url).content.decode()
    assert "Buses are on time" in page and "Strongly agree" in page

    changes = [event.detail["change"] for event in AuditEvent.objects.filter(action="survey.edit", actor=author)]
    assert changes.count("page.add") == 2 and changes.count("question.add") == 2
    assert changes.count("grid.item_add") == 2 and "route.set" in changes
    assert AuditEvent.objects.filter(action="survey.publish", actor=author, target="travel-2026").exists()


def test_each_question_type_shows_only_its_own_settings(author_client, programme):
    survey = _new_survey(author_client, programme)
    author_client.post(BUILD, {"title": "First"})
    page = survey.pages.get()
    url = f"{BUILD}pages/{page.pk}/questions/add/"
    number = author_client.get(url, {"type": "number"}).content.decode()
    single = author_client.get(url, {"type": "single"}).content.decode()
    scale = author_client.get(url, {"type": "scale"}).content.decode()
    assert "Smallest answer allowed" in number and "Answers" not in number and "Lowest point" not in number
    assert "One answer on each line" in single and "Lowest point" not in single
    assert "Lowest point" in scale and "One answer on each line" not in scale
    assert "What kind of question?" in author_client.get(url).content.decode()


def test_bad_input_gets_a_message_and_saves_nothing(author_client, programme):
    survey = _new_survey(author_client, programme)
    author_client.post(BUILD, {"title": "First"})
    page = survey.pages.get()
    url = f"{BUILD}pages/{page.pk}/questions/add/"
    for fields, message in [({"type": "single", "text": "", "options": "A"}, "Enter the question"),
                            ({"type": "single", "text": "Q", "options": "A\nA"}, "Each answer must be different"),
                            ({"type": "scale", "text": "Q", "scale_min": 5, "scale_max": 1}, "highest point")]:
        reply = author_client.post(url, fields)
        assert reply.status_code == 400 and message in reply.content.decode() and "There is a problem" in \
            reply.content.decode()
    assert not Question.objects.filter(page=page).exists()
    reply = author_client.post(f"{BUILD}pages/{page.pk}/route/", {"route": "nothing=here"})
    assert reply.status_code == 400 and Page.objects.get(pk=page.pk).condition is None
    assert author_client.post(f"{BUILD}pages/{page.pk}/sideways/").status_code == 404
    assert author_client.post("/staff/surveys/build/new/", {"programme": programme.pk, "title": "Travel 2026"}) \
        .status_code == 400  # the web address is taken


def test_the_question_bank_brings_the_equality_block_with_its_gss_wording(author_client, programme):
    survey = _new_survey(author_client, programme, bank=["equality", "staff_edi"])
    page = author_client.get(BUILD).content.decode()
    assert "What is your ethnic group?" in page and "Equality question (GSS wording)" in page
    assert survey.pages.filter(key="edi").exists() and survey.pages.filter(key__startswith="eq-").count() > 10


def test_publishing_warns_when_a_change_breaks_comparability(author_client, programme):
    survey = _new_survey(author_client, programme)
    author_client.post(BUILD, {"title": "First"})
    question = _add_question(author_client, survey.pages.get(), "single", text="Mode?", options="Bus\nTrain")
    author_client.post(f"{BUILD}publish/")
    question.choices.filter(code="train").delete()
    summary = author_client.get(f"{BUILD}publish/").content.decode()
    assert "Answers changed: Mode?" in summary and "break comparability" in summary
    author_client.post(f"{BUILD}questions/{question.pk}/remove/")
    assert "is removed: trends for it stop" in author_client.get(f"{BUILD}publish/").content.decode()


def test_an_author_of_another_programme_cannot_build_this_survey(author_client, programme, signed_in):
    survey = _new_survey(author_client, programme)
    author_client.post(BUILD, {"title": "First"})
    page = survey.pages.get()
    elsewhere = Programme.objects.create(slug="elsewhere", name="Elsewhere")
    other = User.objects.create_user("other-author@example.org", PASSWORD)
    RoleAssignment.objects.create(user=other, role=Role.AUTHOR, programme=elsewhere)
    client = signed_in(other)
    for path in [BUILD, f"{BUILD}publish/", f"{BUILD}pages/{page.pk}/questions/add/?type=text",
                 f"{BUILD}pages/{page.pk}/route/"]:
        assert client.get(path).status_code == 403, path
    assert client.post(BUILD, {"title": "Injected"}).status_code == 403
    assert client.post(f"{BUILD}pages/{page.pk}/remove/").status_code == 403
    assert survey.pages.count() == 1
    new = client.get("/staff/surveys/build/new/").content.decode()
    assert "Citizen&#x27;s Voice" not in new and "Elsewhere" in new
