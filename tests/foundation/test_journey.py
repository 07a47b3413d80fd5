"""The respondent journey through Django's test client: plain GETs and form POSTs, no JavaScript."""

import re

from django.utils import timezone

from surveys.models import Channel, Response, ResponseDraft


def test_a_respondent_answers_every_page_and_submits(every_type_survey, journey):
    j = journey(every_type_survey)
    begun = j.start()
    assert begun.status_code == 302 and begun.url == j.url("page", page_key="colour")
    first = j.client.get(begun.url)
    assert '<h1 class="govuk-fieldset__heading">Which colour do you prefer?</h1>' in first.content.decode()

    last = j.answer_all()
    assert last.url == j.url("check")
    check = j.client.get(j.url("check")).content.decode()
    assert "Check your answers before submitting" in check
    assert "Friends of the ferry" in check and "More buses<br>at night" in check
    assert "Staff treat me with respect: 5 – Strongly agree" in check and "Information is easy to find: Don&#x27;t know" in check

    done = j.submit()
    assert done.status_code == 302 and done.url == j.url("done")
    assert "Answers submitted" in j.client.get(done.url).content.decode()
    response = Response.objects.get()
    assert response.answers == {
        "colour": "blue", "modes": ["bus"], "rating5": 4, "rating7": 6, "rating10": 9, "fair_1": 5,
        "fair_2": "dont_know", "visits": 3, "visit_date": "2024-03-27", "nickname": "Friends of the ferry",
        "comments": "More buses\nat night"}
    assert (response.version, response.source, response.language) == (every_type_survey.current_version, "web", "en")
    assert response.submitted_on == timezone.localdate() and response.channel is None
    assert not ResponseDraft.objects.exists()


def test_errors_are_summarised_linked_and_shown_at_each_field_with_answers_kept(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    reply = j.answer("visit", {"visits": "lots", "visit_date-day": "31", "visit_date-month": "2",
                               "visit_date-year": "2024"})
    html = reply.content.decode()
    assert reply.status_code == 200
    assert re.search(r"<title>Error: Your last visit – ", html)
    summary = html[html.index("govuk-error-summary"):html.index("</ul>")]
    assert "There is a problem" in summary
    assert re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', summary) == [
        ("visits", "Enter a number, like 12"), ("visit_date", "Enter a real date, like 27 3 2007")]
    # Each link has a field to land on, and each field repeats its message.
    assert 'id="visits" name="visits"' in html and 'id="visit_date" name="visit_date-day"' in html
    assert '<p id="visits-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ' \
           'Enter a number, like 12</p>' in html
    assert 'id="visit_date-error"' in html and 'aria-describedby=" visits-error"' in html
    # What the respondent typed is still there to correct.
    assert 'value="lots"' in html
    assert all(f'name="visit_date-{part}" type="text" inputmode="numeric" value="{value}"' in html
               for part, value in (("day", "31"), ("month", "2"), ("year", "2024")))
    assert j.draft().answers == {}


def test_a_required_question_left_blank_names_what_to_do(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    html = j.answer("colour", {}).content.decode()
    assert "<title>Error: Which colour do you prefer? – " in html
    assert '<a href="#colour">Select an answer</a>' in html and 'id="colour" name="colour"' in html


def test_ticked_boxes_stay_ticked_when_the_page_has_an_error(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    html = j.answer("modes", {"modes": ["bus", "none"]}).content.decode()
    assert "Select ‘None of these’ on its own, or untick it" in html
    assert re.search(r'value="bus"[^>]* checked', html) and re.search(r'value="none"[^>]* checked', html)
    assert not re.search(r'value="train"[^>]* checked', html)


def test_the_channel_in_the_link_is_recorded_on_the_response(every_type_survey, journey, programme):
    channel = Channel.objects.create(code="library-qr", name="Library posters", kind="qr", programme=programme)
    j = journey(every_type_survey)
    j.start("?c=library-qr")
    j.answer_all()
    j.submit()
    assert Response.objects.get().channel == channel


def test_an_unknown_channel_code_is_ignored(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start("?c=no-such-channel")
    j.answer_all()
    j.submit()
    assert Response.objects.get().channel is None


def test_respondent_pages_send_security_headers(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    for url in (j.url("start"), j.url("page", page_key="colour"), j.url("save"), j.url("resume")):
        reply = j.client.get(url)
        csp = reply.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        nonce = re.search(r"script-src 'self' 'nonce-([\w+/=-]+)'", csp).group(1)
        # The one inline script carries this response's nonce; no other inline script exists.
        scripts = re.findall(r"<script([^>]*)>", reply.content.decode())
        assert all(f'nonce="{nonce}"' in attrs or "src=" in attrs for attrs in scripts)
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["X-Frame-Options"] == "DENY"
        assert reply.headers["Referrer-Policy"] == "same-origin"


def test_hostile_answers_are_escaped_on_the_check_page(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer_all({"extra": {"nickname": '<script>alert("x")</script>',
                            "comments": '"><img src=x onerror=alert(1)>'}})
    html = j.client.get(j.url("check")).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_hostile_text_in_a_definition_is_escaped(published_survey, every_type_definition, respondent_client):
    every_type_definition["survey"]["title"] = "<b>Bold</b> survey"
    every_type_definition["survey"]["description"] = "<script>steal()</script>"
    survey = published_survey(every_type_definition)
    html = respondent_client.get(f"/s/{survey.slug}/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; survey" in html and "&lt;script&gt;steal()&lt;/script&gt;" in html
    assert "<b>Bold</b>" not in html and "<script>steal" not in html


def test_a_survey_that_is_not_open_is_not_found(published_survey, respondent_client):
    survey = published_survey()
    survey.status = survey.Status.CLOSED
    survey.save()
    assert respondent_client.get(f"/s/{survey.slug}/").status_code == 404


def test_check_your_answers_shows_a_scale_answer_with_the_words_the_respondent_saw(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer_all({"rating5": {"rating5": "1"}, "rating7": {"rating7": "4"}, "rating10": {"rating10": "10"}})
    check = j.client.get(j.url("check")).content.decode()
    assert "1 – Very dissatisfied" in check and "10 – Extremely likely" in check
    assert re.search(r'<dd class="govuk-summary-list__value[^"]*">\s*4\s*</dd>', check), "a middle point is a number"


def test_a_long_survey_says_which_page_of_how_many(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    first = j.client.get(j.url("page", page_key="colour")).content.decode()
    assert '<p class="govuk-caption-m" id="progress">Page 1 of 8</p>' in first  # the train page is routed out
    j.answer("colour", {"colour": "blue"})
    j.answer("modes", {"modes": ["train"]})
    train = j.client.get(j.url("page", page_key="train")).content.decode()
    assert "Page 3 of 9" in train  # the answer opened a page


def test_a_form_refused_for_a_lost_cookie_gets_a_translated_page_that_leads_back(every_type_survey, journey):
    from django.test import Client

    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "blue"})
    strict = Client(enforce_csrf_checks=True)  # a browser whose security cookie is gone
    strict.cookies = j.client.cookies
    reply = strict.post(j.url("page", page_key="modes"), {"modes": ["bus"], "action": "continue"})
    page = reply.content.decode()
    assert reply.status_code == 403 and "Your answers on this page were not sent" in page
    assert "Answers you gave on earlier pages are kept" in page and "Forbidden" not in page
    assert f'href="{j.url("page", page_key="modes")}"' in page
    assert j.draft().answers == {"colour": "blue"}  # the earlier page kept, nothing guessed
    welsh = strict.post(j.url("begin"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<html lang="cy"' in welsh and "Ni anfonwyd eich atebion ar y dudalen hon" in welsh
    assert f'href="{j.url("start")}"' in welsh
    arabic = strict.post(j.url("check"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in arabic
