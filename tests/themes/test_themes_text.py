import pytest

from analysis.themes.text import (
    detect_language,
    is_non_answer,
    needs_translation,
    normalise,
    stemmed_tokens,
)


def test_normalise_phone_typing():
    out = normalise("The driver was SOOOO rude 😡 cos he shouted at u!!")
    assert "soo rude" in out
    assert "because" in out and " you" in out
    assert "pouting face" in out
    assert out == out.lower()


def test_slang_map_is_whole_word_only():
    assert normalise("ppl r great") == "people are great"
    assert normalise("bc it was late") == "because it was late"
    assert "because" not in normalise("cosy bus")


@pytest.mark.parametrize(
    "text", ["n/a", "N/A", "na", "Nothing.", "none", "No comment", "-", ".", "idk", "dont know",
             "Don't know", "", "   ", None, "?!"],
)  # fmt: skip
def test_non_answers(text):
    assert is_non_answer(text)


@pytest.mark.parametrize(
    "text", ["nothing was done about the abuse", "no lighting", "late", "na na na the bus was late"]
)
def test_real_answers_are_not_non_answers(text):
    assert not is_non_answer(text)


def test_language_detection_with_short_text_guard():
    assert detect_language("ok") == "und"
    assert detect_language(None) == "und"
    assert detect_language("The bus driver was really rude to me this morning") == "en"
    assert detect_language("El conductor del autobús fue muy amable con nosotros") == "es"


def test_stemming_merges_word_forms():
    assert stemmed_tokens("waiting waited waits")[0] == stemmed_tokens("wait")[0]
    assert "the" not in stemmed_tokens("the wait", drop_stop_words=True)


@pytest.mark.parametrize(
    "text",
    [
        # langid over all its languages called these Dutch or French.
        "Nothing. I can't even get help.",
        "Yes my peer support worker.",
        "Brilliant paramedics, quick response",
        "Merseyrail trains late again",
        "Bus drivers rude",
        "great service ta",
    ],
)
def test_short_english_is_never_another_language(text):
    assert detect_language(text) in {"en", "und"}
    assert not needs_translation(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Lle mae'r bws? Mae'n hwyr bob dydd ac mae'n oer iawn", "cy"),
        ("Autobus zawsze się spóźnia wieczorem, boję się", "pl"),
        ("الحافلة متأخرة دائما في الليل", "ar"),
        ("بس همیشه دیر میاد", "fa"),
        ("公交车晚上总是迟到", "zh"),
        ("Autobuzul întârzie mereu seara", "ro"),
    ],
)
def test_other_languages_need_translation(text, language):
    assert detect_language(text) == language
    assert needs_translation(text)
