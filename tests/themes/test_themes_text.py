import pytest

from analysis.themes.text import detect_language, is_non_answer, normalise, stemmed_tokens


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
