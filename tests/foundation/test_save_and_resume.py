"""Save and come back later: a resume code and link carry a draft to another device."""

import re

from django.test import Client

from surveys.models import Response, ResponseDraft

CODE = re.compile(r"\b([A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5})\b")


def _save(j, page_key, data):
    reply = j.answer(page_key, data, action="save")
    assert reply.url == j.url("save")
    assert "Get a resume code" in j.client.get(reply.url).content.decode()
    saved = j.client.post(j.url("save")).content.decode()
    code = CODE.search(saved).group(1)
    link = re.search(r'href="(http://testserver/s/[^"]+/resume/[^"]+/)"', saved).group(1)
    return code, link


def test_a_resume_link_carries_the_answers_to_another_device(every_type_survey, journey):
    phone = journey(every_type_survey)
    phone.start()
    phone.answer("colour", {"colour": "red"})
    code, link = _save(phone, "modes", {"modes": ["bus"]})
    assert link.endswith(f"/resume/{code}/")

    laptop = journey(every_type_survey, Client())
    arrived = laptop.client.get(link)
    # Straight to the first page still needing an answer.
    assert arrived.status_code == 302 and arrived.url == laptop.url("page", page_key="rating5")
    assert laptop.draft().answers == {"colour": "red", "modes": ["bus"]}
    laptop.answer_all({"colour": {"colour": "red"}})
    assert laptop.submit().url == laptop.url("done")
    assert Response.objects.get().answers["colour"] == "red"
    assert not ResponseDraft.objects.exists()


def test_a_resume_code_typed_loosely_still_works(every_type_survey, journey):
    first = journey(every_type_survey)
    first.start()
    code, _ = _save(first, "colour", {"colour": "blue"})
    other = journey(every_type_survey, Client())
    reply = other.client.post(other.url("resume"), {"code": f" {code.replace('-', ' ').lower()} "})
    assert reply.url == other.url("page", page_key="modes")
    assert other.draft().pk == first.draft().pk


def test_only_the_hash_of_a_resume_code_is_stored(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    code, _ = _save(j, "colour", {"colour": "blue"})
    stored = j.draft().resume_code_hash
    assert len(stored) == 64 and code.replace("-", "") not in stored


def test_a_wrong_or_missing_code_is_an_error(every_type_survey, respondent_client):
    url = f"/s/{every_type_survey.slug}/resume/"
    wrong = respondent_client.post(url, {"code": "ABCDE-23456"}).content.decode()
    assert "<title>Error: Carry on with your answers" in wrong
    assert '<a href="#code">No saved answers match that code. Check it and try again</a>' in wrong
    assert 'value="ABCDE-23456"' in wrong
    empty = respondent_client.post(url, {"code": ""}).content.decode()
    assert "Enter the resume code you were given, like ABCDE-23456" in empty
    assert respondent_client.get(url).status_code == 200


def test_saving_a_page_with_an_error_keeps_earlier_answers(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "blue"})
    assert j.answer("visit", {"visits": "many"}, action="save").url == j.url("save")
    assert j.draft().answers == {"colour": "blue"}


def test_back_and_reload_lose_nothing(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "red"})
    html = j.client.get(j.url("page", page_key="colour")).content.decode()
    assert re.search(r'value="red" checked', html)
    assert f'href="{j.url("start")}" class="govuk-back-link"' in html


def test_a_resume_link_works_once_and_leaves_no_code_in_the_address(every_type_survey, journey):
    # Issue 21: the code in the link is a bearer secret that every access log keeps. Before the fix a
    # second visit (anyone reading the log) opened and could change the resident's answers.
    phone = journey(every_type_survey)
    phone.start()
    code, link = _save(phone, "colour", {"colour": "blue"})
    laptop = Client()
    arrived = laptop.get(link)
    assert arrived.status_code == 302 and code not in arrived.url and code.replace("-", "") not in arrived.url
    assert laptop.get(arrived.url).status_code == 200  # the cookie carries the draft from now on
    log_reader = Client()
    later = log_reader.get(link)
    assert later.status_code == 200 and f"draft-{every_type_survey.pk}" not in later.cookies
    page = later.content.decode()
    assert "This link has been used or has expired" in page and code not in page
    assert log_reader.post(phone.url("resume"), {"code": code}).status_code == 200  # typed: spent too


def test_a_resume_code_expires(every_type_survey, journey):
    import datetime

    from django.utils import timezone

    j = journey(every_type_survey)
    j.start()
    code, _ = _save(j, "colour", {"colour": "blue"})
    ResponseDraft.objects.update(resume_code_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    reply = Client().post(j.url("resume"), {"code": code})
    assert reply.status_code == 200 and "No saved answers match that code" in reply.content.decode()


def test_resuming_lands_on_the_first_unanswered_question_not_on_check_your_answers(every_type_survey, journey):
    phone = journey(every_type_survey)
    phone.start()
    phone.answer_all({"extra": {}})  # every required answer given; the optional last page not reached
    code, _ = _save(phone, "extra", {})
    laptop = journey(every_type_survey, Client())
    arrived = laptop.client.post(laptop.url("resume"), {"code": code})
    assert arrived.status_code == 302 and arrived.url == laptop.url("page", page_key="extra")

    again, _ = _save(laptop, "extra", {"nickname": "Ferry fans", "comments": "Later trains"})
    arrived = Client().post(laptop.url("resume"), {"code": again})
    assert arrived.url == laptop.url("check")  # every page has an answer now
