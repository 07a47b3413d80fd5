"""The respondent journey in Welsh and Arabic: survey text, the service's own words, direction."""

import re

from django.urls import reverse

from surveys.models import Response


def start_url(survey, query=""):
    return reverse("surveys:start", kwargs={"slug": survey.slug}) + query


def test_the_start_page_offers_the_translated_languages(client, citizens_voice):
    page = client.get(start_url(citizens_voice)).content.decode()
    assert '<nav class="govuk-!-margin-bottom-6" aria-label="Languages">' in page
    assert 'href="?lang=cy" lang="cy" hreflang="cy">Cymraeg</a>' in page
    assert 'lang="ar" hreflang="ar">العربيّة</a>' in page


def test_a_welsh_start_page_is_welsh_throughout(client, citizens_voice):
    reply = client.get(start_url(citizens_voice, "?lang=cy&c=knowsley"), HTTP_ACCEPT_LANGUAGE="en-GB")
    page = reply.content.decode()
    assert reply["Content-Language"] == "cy"
    assert '<html lang="cy" dir="ltr"' in page and "surveys/rtl.css" not in page
    assert "<h1 class=\"govuk-heading-xl\">Llais y Dinesydd: bywyd yn y dinas-ranbarth</h1>" in page
    assert "Dechrau nawr" in page and "Neidio i'r prif gynnwys" in page
    assert "Mae'n cymryd tua 5 munud." in page
    assert 'name="language" value="cy"' in page and 'href="?lang=en&amp;c=knowsley"' in page


def test_a_welsh_respondent_answers_in_welsh_and_the_answers_are_codes(citizens_voice, respondent):
    resident = respondent(citizens_voice)
    _, begun = resident.start("?lang=cy")
    first = resident.client.get(begun.url).content.decode()
    assert "Ym mha ardal ydych chi&#x27;n byw?" in first and ">Parhau</button>" in first and ">Lerpwl</label>" in first
    assert "Mae'n well gennyf beidio â dweud" in first

    error = resident.client.post(begun.url, {"action": "continue"}).content.decode()
    assert "<title>Gwall: " in error and "Mae problem wedi codi" in error and "Dewiswch ateb" in error

    resident.client.post(begun.url, {"local_authority": "liverpool", "action": "continue"})
    draft = resident.draft()
    assert draft.language == "cy" and draft.answers == {"local_authority": "liverpool"}


def test_a_welsh_submission_is_stored_with_its_language(citizens_voice, respondent):
    resident = respondent(citizens_voice)
    resident.start("?lang=cy")
    draft = resident.draft()
    draft.answers = {"local_authority": "wirral", "satisfaction": 4}
    draft.save()
    check = resident.client.get(resident.url("check")).content.decode()
    assert "Gwiriwch eich atebion cyn eu cyflwyno" in check and "Cilgwri" in check
    done = resident.client.post(resident.url("check"))
    assert done.url == resident.url("done") + "?lang=cy"
    assert "Atebion wedi'u cyflwyno" in resident.client.get(done.url).content.decode()
    response = Response.objects.get()
    assert (response.language, response.answers["local_authority"]) == ("cy", "wirral")


def test_an_arabic_page_reads_right_to_left(citizens_voice, respondent):
    resident = respondent(citizens_voice)
    page, begun = resident.start("?lang=ar")
    start = page.content.decode()
    assert '<html lang="ar" dir="rtl"' in start and 'href="/static/surveys/rtl.css"' in start
    assert "ابدأ الآن" in start
    question = resident.client.get(begun.url).content.decode()
    assert '<html lang="ar" dir="rtl"' in question and "في أي منطقة تعيش؟" in question and ">متابعة</button>" in question


def test_a_language_the_survey_lacks_falls_back_to_english(client, citizens_voice):
    page = client.get(start_url(citizens_voice, "?lang=pl"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<html lang="en"' in page and "Start now" in page


def test_a_first_visit_follows_the_browsers_language_when_the_survey_has_it(client, citizens_voice):
    welsh = client.get(start_url(citizens_voice), HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en;q=0.5").content.decode()
    assert '<html lang="cy"' in welsh and "Dechrau nawr" in welsh and 'name="language" value="cy"' in welsh
    polish = client.get(start_url(citizens_voice), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert '<html lang="en"' in polish and "Start now" in polish  # offered by the site, not by this survey
    chosen = client.get(start_url(citizens_voice, "?lang=en"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<html lang="en"' in chosen  # a language picked on the page wins over the browser's


def test_the_resume_page_keeps_the_language(client, citizens_voice):
    page = client.get(reverse("surveys:resume", kwargs={"slug": citizens_voice.slug}) + "?lang=cy").content.decode()
    assert "Rhowch eich cod ailddechrau" in page and 'name="lang" value="cy"' in page
    wrong = client.post(reverse("surveys:resume", kwargs={"slug": citizens_voice.slug}),
                        {"code": "AAAAA-BBBBB", "lang": "cy"}).content.decode()
    assert "Nid oes atebion wedi&#x27;u cadw" in wrong


def test_compiled_message_catalogues_are_committed(settings):
    for language in ("cy", "ar"):
        catalogue = settings.BASE_DIR / "locale" / language / "LC_MESSAGES"
        po, mo = catalogue / "django.po", catalogue / "django.mo"
        assert mo.exists() and mo.stat().st_size > 1000
        assert "Machine-assisted" in po.read_text(encoding="utf-8")
        untranslated = re.findall(r'msgid "(.+)"\nmsgstr ""\n\n', po.read_text(encoding="utf-8"))
        journey = [m for m in untranslated if m in ("Continue", "There is a problem", "Start now")]
        assert journey == []


def test_the_page_count_is_in_the_respondents_language(citizens_voice, respondent):
    resident = respondent(citizens_voice)
    _, begun = resident.start("?lang=cy")
    assert re.search(r'id="progress">Tudalen 1 o \d+</p>', resident.client.get(begun.url).content.decode())
