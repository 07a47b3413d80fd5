import itertools

import pytest

from analysis.themes.redact import find_personal_details, redact


@pytest.mark.parametrize(
    ("text", "secret", "placeholder"),
    [
        ("email me at jo.bloggs+survey@example.co.uk ok", "jo.bloggs", "[email]"),
        ("ring 07700 900123 any time", "900123", "[phone]"),
        ("ring 07700-900-123 any time", "900-123", "[phone]"),
        ("office +44 (0)20 7946 0958", "7946", "[phone]"),
        ("landline (01632) 960001", "960001", "[phone]"),
        ("I live at NE1 4ST near the stop", "4ST", "[postcode]"),
        ("postcode sw1a 1aa", "1aa", "[postcode]"),
        ("my NI is AB 12 34 56 C", "34 56", "[NI number]"),
        ("reg AB12 CDE was speeding", "CDE", "[vehicle reg]"),
        ("plate ab51abc", "ab51abc", "[vehicle reg]"),
        ("old car K123 ABC", "K123", "[vehicle reg]"),
        ("older car ABC 123D", "123D", "[vehicle reg]"),
        ("see https://example.com/complaint?id=4 now", "example.com", "[link]"),
        ("see www.bbc.co.uk/news", "bbc", "[link]"),
        ("My name is sarah jones and I was late", "jones", "[name]"),
        ("the driver Dave was lovely", "Dave", "[name]"),
        ("Mrs Okonkwo on the desk was rude", "Okonkwo", "[name]"),
        ("mr smith ignored me", "smith", "[name]"),
        ("Great service.\nThanks, Sarah", "Sarah", "[name]"),
        ("I was helped by Emma and Tom Harris", "Harris", "[name]"),
        ("Drivers Dave and Jo were great", "Jo ", "[name]"),
    ],
)
def test_personal_details_are_replaced(text, secret, placeholder):
    out = redact(text)
    assert secret not in out
    assert placeholder in out


@pytest.mark.parametrize(
    "text",
    [
        "the driver was late and the doctor was rude",
        "A1 AND THE 1A road were fine, the M1 was closed",
        "Grace and Joy in May, Will can Mark this",
        "I called 111 and then I called the police",
        "buses every 10 minutes at 7.30 am",
        "10/10 would recommend, 5 stars",
        "It was 20 minutes late on 12/03/2024",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text
    assert find_personal_details(text) == []


@pytest.mark.parametrize(
    "text",
    [None, "", 42, 3.5, "😀🚌👍🏽" * 50, "\x00\x01\x1b[31m\x7f", "a.a." * 3000, "0" * 10_000,
     "x@" * 5000, "Mr " * 3000, "İstanbul driver Dave", "rant " * 2000 + "call 07700900123"],
)  # fmt: skip
def test_never_crashes(text):
    out = redact(text)
    assert isinstance(out, str)
    assert "07700900123" not in out


def test_spans_are_typed_sorted_and_disjoint():
    text = "Email a@b.com or call 07700 900123, driver Dave, reg AB12 CDE"
    spans = find_personal_details(text)
    assert [s.kind for s in spans] == ["email", "phone", "name", "vehicle_reg"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert text[spans[0].start : spans[0].end] == "a@b.com"


def test_link_keeps_sentence_punctuation():
    assert redact("See example.com.") == "See [link]."
