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


def test_an_author_changes_a_question_renames_a_page_and_rewords_a_statement(author_client, author, programme):
    survey = _new_survey(author_client, programme)
    author_client.post(BUILD, {"title": "First"})
    page = survey.pages.get()
    mode = _add_question(author_client, page, "single", text="Mode?", options="Bus\nTrain")
    grid = _add_question(author_client, page, "grid", text="Agree?", scale_min=1, scale_max=5)
    author_client.post(f"{BUILD}questions/{grid.pk}/items/", {"text": "Buses are on tme"})
    author_client.post(f"{BUILD}publish/")

    form = author_client.get(f"{BUILD}questions/{mode.pk}/edit/").content.decode()
    assert "Change the question" in form and "Bus\nTrain</textarea>" in form and "Lowest point" not in form
    reply = author_client.post(f"{BUILD}questions/{mode.pk}/edit/",
                               {"text": "How do you travel?", "options": "Train\nBus\nTram", "required": "on"})
    assert reply.status_code == 302
    mode.refresh_from_db()
    assert mode.text == "How do you travel?" and mode.required and mode.code == "mode"
    assert [(c.code, c.label) for c in mode.choices.all()] == [("train", "Train"), ("bus", "Bus"), ("tram", "Tram")]
    scale_form = author_client.get(f"{BUILD}questions/{grid.pk}/edit/").content.decode()
    assert "Lowest point" in scale_form and "One answer on each line" not in scale_form
    reply = author_client.post(f"{BUILD}questions/{grid.pk}/edit/", {"text": "Agree?", "scale_min": 9, "scale_max": 1})
    assert reply.status_code == 400 and "highest point" in reply.content.decode()

    assert author_client.post(f"{BUILD}pages/{page.pk}/rename/", {"title": "Getting about"}).status_code == 302
    assert author_client.post(f"{BUILD}pages/{page.pk}/rename/", {"title": ""}).status_code == 400
    page.refresh_from_db()
    assert page.title == "Getting about" and page.key == "first"

    item = grid.items[0]["code"] if grid.items else Question.objects.get(pk=grid.pk).items[0]["code"]
    url = f"{BUILD}questions/{grid.pk}/items/{item}/"
    assert "Buses are on tme" in author_client.get(url).content.decode()
    assert author_client.post(url, {"text": "Buses are on time"}).status_code == 302
    assert Question.objects.get(pk=grid.pk).items == [{"code": item, "text": "Buses are on time"}]
    assert author_client.get(f"{BUILD}questions/{grid.pk}/items/no_such/").status_code == 404
    assert author_client.get(f"{BUILD}questions/{mode.pk}/items/{item}/").status_code == 404

    summary = author_client.get(f"{BUILD}publish/").content.decode()
    assert "Answers changed: How do you travel?" in summary and "Wording changed: Agree?" not in summary
    assert author_client.post(url, {"remove": "1"}).status_code == 302
    assert Question.objects.get(pk=grid.pk).items == []
    changes = [e.detail["change"] for e in AuditEvent.objects.filter(action="survey.edit", actor=author)]
    for change in ["question.edit", "page.rename", "grid.item_edit", "grid.item_remove"]:
        assert change in changes


def test_an_equality_question_keeps_its_gss_answers_when_changed(author_client, programme):
    survey = _new_survey(author_client, programme, bank=["equality"])
    question = Question.objects.get(page__survey=survey, code="ethnic_group_broad")
    codes = [c.code for c in question.choices.all()]
    form = author_client.get(f"{BUILD}questions/{question.pk}/edit/").content.decode()
    assert "keep their GSS wording" in form and "One answer on each line" not in form
    reply = author_client.post(f"{BUILD}questions/{question.pk}/edit/",
                               {"text": question.text, "help_text": "Choose one", "options": "Only this"})
    assert reply.status_code == 302
    assert [c.code for c in question.choices.all()] == codes


def test_the_preview_shows_the_draft_as_respondents_see_it_in_every_language_and_easy_read(
        author_client, programme, client):
    survey = _new_survey(author_client, programme)
    author_client.post(BUILD, {"title": "How you travel"})
    author_client.post(BUILD, {"title": "Buses"})
    first, buses = survey.pages.order_by("position")
    mode = _add_question(author_client, first, "single", text="How do you usually travel?", options="Bus\nTrain",
                         prefer_not_to_say="on")
    _add_question(author_client, buses, "scale", text="How satisfied are you with buses?", scale_min=1,
                  scale_max=5, min_label="Very dissatisfied", max_label="Very satisfied")
    author_client.post(f"{BUILD}pages/{buses.pk}/route/", {"route": f"{mode.code}=bus"})
    Survey.objects.filter(pk=survey.pk).update(translations={"cy": {f"{mode.code}.text": "Sut ydych chi'n teithio?",
                                                                   f"{mode.code}.bus": "Bws"}})
    easy = Survey.objects.create(programme=programme, slug="travel-2026-easy", title="Travel (Easy Read)",
                                 description="", variant_of=survey, variant_kind=Survey.Variant.EASY_READ)

    assert "/build/preview/" in author_client.get(BUILD).content.decode()
    english = author_client.get(f"{BUILD}preview/").content.decode()
    assert "How do you usually travel?" in english and 'type="radio" value="bus"' in english
    assert "Prefer not to say" in english and "Very dissatisfied" in english
    assert "Shown only when the answer to “How do you usually travel?” is “Bus”" in english
    assert "Page 2 of 2" in english and "<form" not in english.split('class="app-preview"')[1]
    assert 'href="?lang=cy"' in english and "/survey/travel-2026-easy/build/preview/" in english
    welsh = author_client.get(f"{BUILD}preview/", {"lang": "cy"}).content.decode()
    assert 'lang="cy"' in welsh and "Sut ydych chi&#x27;n teithio?" in welsh and ">Bws</label>" in welsh
    assert "Mae'n well gennyf beidio â dweud" in welsh  # the journey's own words, in Welsh too
    assert "How do you usually travel?" in welsh  # the route, for the author, stays in English
    assert "How do you usually travel?" in author_client.get(f"{BUILD}preview/", {"lang": "xx"}).content.decode()
    variant = author_client.get("/staff/surveys/survey/travel-2026-easy/build/preview/").content.decode()
    assert "Easy Read version of “Travel 2026”" in variant and "This survey has no pages yet" in variant
    assert client.get(f"{BUILD}preview/").status_code == 302  # not signed in: to the sign-in page
    assert f"/survey/{survey.slug}/build/preview/" in \
        author_client.get(f"/staff/surveys/survey/{easy.slug}/build/preview/").content.decode()
