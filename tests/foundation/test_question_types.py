"""Every question type's validation and storage, through the web form that respondents use."""

import pytest

from surveys.models import Response

A_DATE = {"visit_date-day": "1", "visit_date-month": "6", "visit_date-year": "2025"}
VISITS = {"visits": "1"}

ACCEPTED = [
    ("colour", {"colour": "red"}, {"colour": "red"}),
    ("colour", {"colour": "prefer_not_to_say"}, {"colour": "prefer_not_to_say"}),
    ("modes", {"modes": ["bus", "train"]}, {"modes": ["bus", "train"]}),
    ("modes", {"modes": ["bus", "bus"]}, {"modes": ["bus"]}),
    ("modes", {"modes": ["none"]}, {"modes": ["none"]}),
    ("modes", {"modes": ["prefer_not_to_say"]}, {"modes": "prefer_not_to_say"}),
    ("rating5", {"rating5": "1"}, {"rating5": 1}),
    ("rating5", {"rating5": "5"}, {"rating5": 5}),
    ("rating5", {"rating5": "dont_know"}, {"rating5": "dont_know"}),
    ("rating7", {"rating7": "7"}, {"rating7": 7}),
    ("rating7", {"rating7": ""}, {}),
    ("rating10", {"rating10": "0"}, {"rating10": 0}),
    ("rating10", {"rating10": "10"}, {"rating10": 10}),
    ("fairness", {"fair_1": "1", "fair_2": "5"}, {"fair_1": 1, "fair_2": 5}),
    ("fairness", {"fair_1": "dont_know", "fair_2": "3"}, {"fair_1": "dont_know", "fair_2": 3}),
    ("visit", {"visits": "0", **A_DATE}, {"visits": 0, "visit_date": "2025-06-01"}),
    ("visit", {"visits": " 50 ", **A_DATE}, {"visits": 50}),
    ("visit", {"visits": "2.5", **A_DATE}, {"visits": 2.5}),
    ("visit", {"visits": "prefer_not_to_say", **A_DATE}, {"visits": "prefer_not_to_say"}),
    ("visit", {**VISITS, "visit_date-day": "29", "visit_date-month": "2", "visit_date-year": "2024"},
     {"visit_date": "2024-02-29"}),
    ("visit", {**VISITS, "visit_date-day": " 07 ", "visit_date-month": "03", "visit_date-year": "2007"},
     {"visit_date": "2007-03-07"}),
    ("visit", {**VISITS, "visit_date": "dont_know"}, {"visit_date": "dont_know"}),
    ("extra", {"nickname": "x" * 500}, {"nickname": "x" * 500}),
    ("extra", {"nickname": "  Ferry\x1b fans\x07  "}, {"nickname": "Ferry fans"}),  # NUL: a 400 (test_malformed_input)
    ("extra", {"nickname": "   "}, {}),
    # Issue 21: a right-to-left override made a quote display reversed in the review queue.
    ("extra", {"nickname": "Bus \u202eevol I\u202c on time \u2066x\u2069"}, {"nickname": "Bus evol I on time x"}),
    ("extra", {"nickname": "\u0634\u0643\u0631\u0627\u200f 2026"}, {"nickname": "\u0634\u0643\u0631\u0627\u200f 2026"}),
    ("extra", {"comments": "y" * 5000}, {"comments": "y" * 5000}),
    ("extra", {"comments": "Line one\r\n\tLine two"}, {"comments": "Line one\r\n\tLine two"}),
]

REFUSED = [
    ("colour", {}, "colour", "Select an answer"),
    ("colour", {"colour": "green"}, "colour", "Select one of the options shown"),
    ("colour", {"colour": "dont_know"}, "colour", "Select one of the options shown"),
    ("modes", {}, "modes", "Select at least one answer"),
    ("modes", {"modes": ["plane"]}, "modes", "Select from the options shown"),
    ("modes", {"modes": ["bus", "none"]}, "modes", "Select ‘None of these’ on its own, or untick it"),
    ("modes", {"modes": ["train", "prefer_not_to_say"]}, "modes",
     "Select ‘Prefer not to say’ on its own, or untick it"),
    ("rating5", {}, "rating5", "Select a number from 1 to 5"),
    ("rating5", {"rating5": "0"}, "rating5", "Select a number from 1 to 5"),
    ("rating5", {"rating5": "6"}, "rating5", "Select a number from 1 to 5"),
    ("rating5", {"rating5": "3.5"}, "rating5", "Select a number from 1 to 5"),
    ("rating5", {"rating5": "prefer_not_to_say"}, "rating5", "Select a number from 1 to 5"),
    ("rating7", {"rating7": "8"}, "rating7", "Select a number from 1 to 7"),
    ("rating10", {"rating10": "11"}, "rating10", "Select a number from 0 to 10"),
    ("rating10", {"rating10": "-1"}, "rating10", "Select a number from 0 to 10"),
    ("fairness", {"fair_2": "3"}, "fair_1", "Select an answer for ‘Staff treat me with respect’"),
    ("fairness", {"fair_1": "3", "fair_2": "6"}, "fair_2",
     "Select a number from 1 to 5 for ‘Information is easy to find’"),
    ("visit", A_DATE, "visits", "Enter a number"),
    ("visit", {"visits": "51", **A_DATE}, "visits", "Enter a number between 0 and 50"),
    ("visit", {"visits": "-1", **A_DATE}, "visits", "Enter a number between 0 and 50"),
    ("visit", {"visits": "a few", **A_DATE}, "visits", "Enter a number, like 12"),
    ("visit", {"visits": "nan", **A_DATE}, "visits", "Enter a number, like 12"),
    ("visit", {"visits": "inf", **A_DATE}, "visits", "Enter a number, like 12"),
    ("visit", VISITS, "visit_date", "Enter a date"),
    ("visit", {**VISITS, "visit_date-day": "31", "visit_date-month": "2", "visit_date-year": "2024"},
     "visit_date", "Enter a real date, like 27 3 2007"),
    ("visit", {**VISITS, "visit_date-day": "29", "visit_date-month": "2", "visit_date-year": "2023"},
     "visit_date", "Enter a real date, like 27 3 2007"),
    ("visit", {**VISITS, "visit_date-day": "1", "visit_date-month": "13", "visit_date-year": "2024"},
     "visit_date", "Enter a real date, like 27 3 2007"),
    ("visit", {**VISITS, "visit_date-day": "1", "visit_date-month": "1", "visit_date-year": "24"},
     "visit_date", "Enter a real date, like 27 3 2007"),
    ("visit", {**VISITS, "visit_date-day": "first", "visit_date-month": "1", "visit_date-year": "2024"},
     "visit_date", "Enter a real date, like 27 3 2007"),
    ("visit", {**VISITS, "visit_date-day": "12", "visit_date-year": "2024"},
     "visit_date", "Date must include a month"),
    ("visit", {**VISITS, "visit_date-year": "2024"}, "visit_date", "Date must include a day and month"),
    # Issue 18: a date and "I do not know" ticked together were silently taken as the date.
    ("visit", {**VISITS, **A_DATE, "visit_date": "dont_know"}, "visit_date",
     "Enter a date or tick ‘I do not know’, not both"),
    ("extra", {"nickname": "x" * 501}, "nickname", "Answer must be 500 characters or fewer"),
    ("extra", {"comments": "y" * 5001}, "comments", "Answer must be 5000 characters or fewer"),
]


@pytest.mark.parametrize(("page_key", "form", "stored"), ACCEPTED)
def test_an_answer_is_accepted_and_stored_as(every_type_survey, journey, page_key, form, stored):
    j = journey(every_type_survey)
    j.start()
    reply = j.answer(page_key, form)
    assert reply.status_code == 302, reply.content.decode()
    answers = j.draft().answers
    assert {code: answers.get(code) for code in stored} == stored
    if not stored:  # a blank optional answer leaves no key at all
        assert not set(form) & set(answers)


@pytest.mark.parametrize(("page_key", "form", "field", "message"), REFUSED)
def test_an_answer_is_refused_with_a_message(every_type_survey, journey, page_key, form, field, message):
    j = journey(every_type_survey)
    j.start()
    reply = j.answer(page_key, form)
    html = reply.content.decode()
    assert reply.status_code == 200
    assert f'<a href="#{field}">{message}</a>' in html
    assert f'<p id="{field}-error" class="govuk-error-message">' in html and f'id="{field}"' in html
    assert j.draft().answers == {}


def test_a_text_limit_set_by_the_author_is_applied(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer("colour", {"colour": "red"})
    html = j.answer("extra", {"why_red": "z" * 21}).content.decode()
    assert '<a href="#why_red">Answer must be 20 characters or fewer</a>' in html
    assert j.answer("extra", {"why_red": "z" * 20}).status_code == 302
    assert j.draft().answers["why_red"] == "z" * 20


def test_special_answers_are_stored_as_their_own_codes_and_shown_in_words(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    j.answer_all({
        "colour": {"colour": "prefer_not_to_say"}, "modes": {"modes": ["prefer_not_to_say"]},
        "rating5": {"rating5": "dont_know"}, "rating10": {"rating10": "dont_know"},
        "fairness": {"fair_1": "dont_know", "fair_2": "dont_know"},
        "visit": {"visits": "prefer_not_to_say", "visit_date": "dont_know"}})
    check = j.client.get(j.url("check")).content.decode()
    assert check.count("Prefer not to say") == 3 and "Don&#x27;t know" in check
    j.submit()
    answers = Response.objects.get().answers
    assert {code: answers[code] for code in ("colour", "modes", "visits")} == dict.fromkeys(
        ("colour", "modes", "visits"), "prefer_not_to_say")
    assert {code: answers[code] for code in ("rating5", "rating10", "fair_1", "fair_2", "visit_date")} == \
        dict.fromkeys(("rating5", "rating10", "fair_1", "fair_2", "visit_date"), "dont_know")


def test_a_date_with_its_box_ticked_too_keeps_both_and_asks_which(every_type_survey, journey):
    j = journey(every_type_survey)
    j.start()
    html = j.answer("visit", {**VISITS, **A_DATE, "visit_date": "dont_know"}).content.decode()
    assert 'value="dont_know" checked' in html and 'name="visit_date-year" type="text" inputmode="numeric" ' \
        'value="2025"' in html
