"""Authors supply translations of a survey's text; they live on the draft and are published."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import AuditEvent
from surveys.definition import DefinitionError
from surveys.models import Page
from surveys.publishing import survey_publish
from surveys.translations import current_translations, survey_translation_set, translatable_texts


def url(survey, name="translation-list", **kwargs):
    return reverse(f"surveys_staff:{name}", kwargs={"slug": survey.slug, **kwargs})


def test_imported_translations_are_kept_on_the_draft_and_published(citizens_voice):
    assert set(citizens_voice.translations) == {"ar", "cy"}
    published = citizens_voice.current_version.definition["translations"]
    assert published["cy"]["survey.title"] == "Llais y Dinesydd: bywyd yn y dinas-ranbarth"


def test_translations_survive_republishing_after_the_draft_changes(citizens_voice):
    page = Page.objects.get(survey=citizens_voice, key="priority")
    page.title = "Your priority"
    page.save()
    version = survey_publish(survey=citizens_voice)
    assert version.number == 2
    assert version.definition["translations"]["cy"]["local_authority.liverpool"] == "Lerpwl"


def test_keys_of_removed_questions_stay_in_the_draft_but_are_not_published(citizens_voice):
    Page.objects.get(survey=citizens_voice, key="priority").delete()
    version = survey_publish(survey=citizens_voice)
    assert "priority.text" in citizens_voice.translations["cy"]
    assert "priority.text" not in version.definition["translations"]["cy"]


def test_every_translatable_text_is_applied_by_the_journey(citizens_voice):
    from surveys.definition import Definition

    data = citizens_voice.current_version.definition
    keys = [key for key, _ in translatable_texts(data)]
    marked = Definition({**data, "translations": {"cy": {key: f"CY {key}" for key in keys}}}).translated("cy")
    texts = json.dumps(marked.data["pages"]) + json.dumps(marked.data["survey"])
    assert all(f"CY {key}" in texts for key in keys)


def test_unknown_keys_and_languages_are_refused(citizens_voice, author):
    with pytest.raises(DefinitionError, match="there is no text with the key 'no_such.text'"):
        survey_translation_set(survey=citizens_voice, language="cy", table={"no_such.text": "Dim"}, user=author)
    with pytest.raises(DefinitionError, match="'xx' is not a language this site offers"):
        survey_translation_set(survey=citizens_voice, language="xx", table={}, user=author)
    assert current_translations(citizens_voice.translations, {"pages": [], "survey": {}}) == {}


def test_an_author_downloads_a_sheet_for_translators(signed_in, author, citizens_voice):
    reply = signed_in(author).get(url(citizens_voice, "translation-download", language="cy"))
    assert reply["Content-Type"] == "text/csv; charset=utf-8"
    text = reply.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["key", "english", "translation"]
    assert ["local_authority.liverpool", "Liverpool", "Lerpwl"] in rows


def test_an_author_uploads_a_polish_translation(signed_in, author, citizens_voice):
    sheet = ("\ufeffkey,english,translation\r\n"
             "survey.title,Citizen's Voice,Głos Obywateli\r\n"
             "local_authority.text,Which area do you live in?,W jakiej okolicy mieszkasz?\r\n"
             "local_authority.halton,Halton,\r\n")
    upload = SimpleUploadedFile("pl.csv", sheet.encode("utf-8"), content_type="text/csv")
    reply = signed_in(author).post(url(citizens_voice), {"language": "pl", "file": upload}, follow=True)
    assert "2 texts translated into Polski" in reply.content.decode()
    citizens_voice.refresh_from_db()
    assert citizens_voice.translations["pl"] == {"survey.title": "Głos Obywateli",
                                                 "local_authority.text": "W jakiej okolicy mieszkasz?"}
    assert AuditEvent.objects.filter(action="survey.translation_set", target=citizens_voice.slug).exists()
    survey_publish(survey=citizens_voice, user=author)
    start = signed_in(author).get(reverse("surveys:start", kwargs={"slug": citizens_voice.slug}) + "?lang=pl")
    assert "Głos Obywateli" in start.content.decode()


def test_a_json_translation_is_accepted(signed_in, author, citizens_voice):
    body = json.dumps({"language": "ur", "translations": {"local_authority.text": "آپ کس علاقے میں رہتے ہیں؟"}})
    upload = SimpleUploadedFile("ur.json", body.encode(), content_type="application/json")
    signed_in(author).post(url(citizens_voice), {"language": "ur", "file": upload})
    citizens_voice.refresh_from_db()
    assert citizens_voice.translations["ur"] == {"local_authority.text": "آپ کس علاقے میں رہتے ہیں؟"}


def test_mistakes_in_an_upload_are_listed_and_nothing_changes(signed_in, author, citizens_voice):
    sheet = "key,translation\nlocal_authority.text,Ble?\nnot_a_key,Beth?\nlocal_authority.text,Eto\n"
    upload = SimpleUploadedFile("cy.csv", sheet.encode(), content_type="text/csv")
    page = signed_in(author).post(url(citizens_voice), {"language": "cy", "file": upload}).content.decode()
    assert "There is a problem" in page and "row 4: the key &#x27;local_authority.text&#x27; is used twice" in page
    citizens_voice.refresh_from_db()
    assert citizens_voice.translations["cy"]["local_authority.text"] == "Ym mha ardal ydych chi'n byw?"


def test_removing_a_language(signed_in, author, citizens_voice):
    signed_in(author).post(url(citizens_voice, "translation-delete", language="ar"))
    citizens_voice.refresh_from_db()
    assert set(citizens_voice.translations) == {"cy"}


def test_only_authors_of_the_programme_manage_translations(signed_in, analyst, outsider, client, citizens_voice):
    assert signed_in(analyst).get(url(citizens_voice)).status_code == 403
    assert signed_in(outsider).get(url(citizens_voice)).status_code == 403
    assert client.get(url(citizens_voice)).status_code == 302
