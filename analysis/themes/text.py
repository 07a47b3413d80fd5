"""Normalisation, non-answer detection, language detection and tokenising.

Answers are mostly typed on phones: lower-case, emoji, stretched words ("soooo")
and text-speak. Everything here is pure and works on plain strings so the
vectorisers in ``discover`` and ``tagger`` see one consistent form.
"""

import re
import unicodedata
from functools import lru_cache

from langid.langid import LanguageIdentifier
from langid.langid import model as langid_model
from nltk.stem import SnowballStemmer
from nltk.tokenize import RegexpTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Phone-typed abbreviations seen in open survey answers. Kept short on purpose:
# only forms that are unambiguous in English survey text.
SLANG = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "bcos": "because",
    "b4": "before",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "ty": "thank you",
    "tbh": "to be honest",
    "imo": "in my opinion",
    "idk": "i do not know",
    "dunno": "do not know",
    "gonna": "going to",
    "wanna": "want to",
    "msg": "message",
    "appt": "appointment",
    "dept": "department",
    "govt": "government",
    "w/": "with",
    "w/o": "without",
    "n": "and",
    "&": "and",
    "+": "and",
    "2day": "today",
    "2moro": "tomorrow",
    "gr8": "great",
    "v": "very",
    "lol": "",
    "omg": "",
}

# Whole-answer non-answers, compared after normalisation and punctuation removal.
NON_ANSWERS = frozenset(
    {
        "",
        "n a",
        "na",
        "n/a",
        "nil",
        "nothing",
        "none",
        "no comment",
        "no comments",
        "i do not know",
        "do not know",
        "dont know",
        "don t know",
        "not sure",
        "no idea",
        "nothing to add",
        "nothing to say",
        "nothing else",
        "not applicable",
        "x",
        "xx",
        "xxx",
        "no",
    }
)

_BEYOND_TEXT = re.compile("[\u2001-\U0010ffff]")  # emoji, symbols, joiners
_ELONGATED = re.compile(r"(\w)\1{2,}")
_WORD_OR_SYMBOL = re.compile(r"\bn/a\b|\bw/o\b|\bw/(?=\s|$)|[^\W_]+(?:'[^\W_]+)?|[&+]|[^\s\w]|_")
_ONLY_PUNCT = re.compile(r"^[\W_]*$")
_SPACES = re.compile(r"\s+")
_TOKENISER = RegexpTokenizer(r"[^\W\d_](?:[\w']*[^\W_])?")
_STEMMER = SnowballStemmer("english")

MIN_CHARS_FOR_LANGUAGE = 20
# Languages residents and staff of the city region write in (ONS census main languages),
# plus the UK's own. Leaving out Dutch, Afrikaans, Latin, Scandinavian and other
# near-English lookalikes stops short English ("bus late again") being called Dutch;
# an answer really in one of them still comes out as not English.
LANGUAGES = ["en", "cy", "ga", "pl", "ro", "lt", "lv", "ar", "zh", "ur", "pa", "bn", "gu", "hi", "ta", "fa", "ku", "ps", "es", "fr", "pt", "it", "de", "tr", "ru", "uk", "bg", "cs", "sk", "hu", "el", "sq", "am", "sw", "vi", "th", "tl", "ja", "ko", "he"]
# A non-English verdict needs this probability; below it the answer is "und".
MIN_LANGUAGE_CONFIDENCE = 0.9
# Above this probability of English, a non-English verdict is not trusted.
MAX_ENGLISH_TRACE = 0.001
# Share of words that are English function words above which the answer is English
# whatever langid says (English prose runs at 35-50%; other Latin-script text near 0).
ENGLISH_FUNCTION_SHARE = 0.25
_IDENTIFIER = LanguageIdentifier.from_modelstring(langid_model, norm_probs=True)
_IDENTIFIER.set_languages(LANGUAGES)


def _emoji_to_words(char: str) -> str:
    """Spell a pictographic symbol as its Unicode name ("😡" -> "pouting face")."""
    category = unicodedata.category(char)
    if category == "So":
        return " " + unicodedata.name(char, "").lower() + " "
    if category in {"Mn", "Sk", "Cf", "Co", "Cs", "Cn"}:
        # Skin tones, variation selectors and joiners carry no meaning alone.
        return " "
    return char


def _expand_token(token: str) -> str:
    return SLANG.get(token, token)


def normalise(text: object) -> str:
    """Return a lower-cased, emoji-spelled, slang-expanded form of an answer.

    Never raises: ``None`` and non-strings become ``""`` or their ``str()``.
    """
    if text is None:
        return ""
    raw = unicodedata.normalize("NFKC", str(text)).lower().replace("’", "'")
    spelled = raw
    if _BEYOND_TEXT.search(raw):
        spelled = "".join(_emoji_to_words(ch) if ord(ch) > 0x2000 else ch for ch in raw)
    # "soooo" -> "soo": keeps a trace of emphasis without exploding the vocabulary.
    squeezed = _ELONGATED.sub(r"\1\1", spelled)
    tokens = _WORD_OR_SYMBOL.findall(squeezed)
    words = [_expand_token(tok) for tok in tokens if tok.isprintable()]
    return _SPACES.sub(" ", " ".join(w for w in words if w)).strip()


def is_non_answer(text: object) -> bool:
    """True for empty or placeholder answers ("n/a", "nothing", "-", "idk"...)."""
    norm = normalise(text)
    if _ONLY_PUNCT.match(norm):
        return True
    bare = _SPACES.sub(" ", re.sub(r"[^\w\s/]", " ", norm)).strip()
    return bare in NON_ANSWERS or bare.replace("/", " ") in NON_ANSWERS


def detect_language(text: object) -> str:
    """ISO 639-1 code, or ``"und"`` when the text is too short or the guess too unsure.

    langid is limited to ``LANGUAGES``; an answer made of enough English function
    words is English whatever langid says, and any other verdict needs
    ``MIN_LANGUAGE_CONFIDENCE`` with almost no chance left for English.
    """
    norm = normalise(text)
    letters = [ch for ch in norm if ch.isalpha()]
    # Letters of other scripts say more per character (a Chinese one about a word).
    weight = sum(4 if ch >= "\u2e80" else 2 if ch > "\u024f" else 1 for ch in letters)
    if weight < MIN_CHARS_FOR_LANGUAGE:
        return "und"
    other_script = sum(ch > "\u024f" for ch in letters) > len(letters) / 2
    words = _TOKENISER.tokenize(norm)
    if words and sum(w in ENGLISH_STOP_WORDS for w in words) / len(words) >= ENGLISH_FUNCTION_SHARE:
        return "en"
    ranked = dict(_IDENTIFIER.rank(norm))
    language = max(ranked, key=ranked.get)
    if language == "en":
        return "en"
    # Short English with unusual words ("Brilliant paramedics, quick response") can lose
    # to French yet keep a trace of English probability; real French keeps none.
    sure = other_script or (ranked[language] >= MIN_LANGUAGE_CONFIDENCE and ranked["en"] < MAX_ENGLISH_TRACE)
    return language if sure else "und"


def needs_translation(text: object) -> bool:
    """True when an answer is confidently in a language other than English: the tagger reads
    English only, so a person (or a translation) must check its themes."""
    return detect_language(text) not in {"en", "und"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem, cached because survey vocabularies repeat heavily."""
    return _STEMMER.stem(word)


def tokens(text: object) -> list[str]:
    """Word tokens of the normalised text (no stemming, stop words kept)."""
    return _TOKENISER.tokenize(normalise(text))


def stemmed_tokens(text: object, drop_stop_words: bool = False) -> list[str]:
    """Stemmed word tokens, optionally without scikit-learn's English stop words."""
    words = tokens(text)
    if drop_stop_words:
        words = [w for w in words if w not in ENGLISH_STOP_WORDS]
    return [stem(w) for w in words]


def stemmed_string(text: object, drop_stop_words: bool = False) -> str:
    """Space-joined stems, the form the word vectorisers consume."""
    return " ".join(stemmed_tokens(text, drop_stop_words))


def stems_of_normalised(normal: str) -> str:
    """``stemmed_string`` for text that ``normalise`` has already processed."""
    return " ".join(stem(w) for w in _TOKENISER.tokenize(normal))
