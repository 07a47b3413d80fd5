"""Find and redact personal details in free-text answers.

Detectors are regular expressions tuned for UK data: e-mail addresses, links,
National Insurance numbers, phone numbers, postcodes, vehicle registrations and
person names in name-like positions. Each detector yields typed spans; overlaps
are resolved by detector priority, then the spans are replaced by placeholders
such as ``[email]``. Nothing here raises on odd input: ``None``, emoji, control
characters and very long rants all come back as strings.
"""

import re
from typing import NamedTuple

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .first_names import FIRST_NAMES

PLACEHOLDERS = {
    "email": "[email]",
    "link": "[link]",
    "ni_number": "[NI number]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "vehicle_reg": "[vehicle reg]",
    "name": "[name]",
}


class Span(NamedTuple):
    """A personal detail found in a text: ``text[start:end]`` is of ``kind``."""

    start: int
    end: int
    kind: str


# Words that look like a registration's letter block but are ordinary English
# ("A1 AND", "THE 1A"); only consulted for the older, case-sensitive formats.
_COMMON_WORDS = frozenset(w.upper() for w in ENGLISH_STOP_WORDS) | {
    "BUS", "CAR", "VAN", "CAB", "DAY", "WAY", "ROAD", "STOP", "WAS", "ARE", "NOT", "YES",
}  # fmt: skip
_NOT_NAMES = frozenset(ENGLISH_STOP_WORDS) | {
    "driver", "nurse", "doctor", "staff", "team", "service", "bus", "train", "thanks",
    "thank", "please", "sorry", "great", "good", "lovely", "very", "really", "just",
}  # fmt: skip

# E-mail and bare-domain detection is anchored on "@" and on whitespace-delimited
# tokens: an unanchored pattern backtracks quadratically on inputs like "a.a.a...".
_EMAIL_LOCAL = re.compile(r"[\w.+'-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_SCHEME_LINK = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]+", re.IGNORECASE)
_TOKEN = re.compile(r"\S{1,512}")
_DOMAIN = re.compile(
    r"(?:[a-z0-9-]{1,63}\.){1,8}(?:co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|com|org|net|uk|io"
    r"|info|biz|me)(?:/\S*)?",
    re.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?)]'\""
# Any two letters: over-redacting a look-alike is cheaper than leaking a real one.
_NI = re.compile(
    r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE
)
# A leading +44/0044 (optionally "(0)") or a 0, then 9-10 more digits with at most
# two separators (space, dash, bracket, dot) between digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)(?:[\s\-().]{0,2}\d){9,10}(?!\d)"
)
_POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)
_REG_CURRENT = re.compile(r"\b([A-Z]{2}\d{2})\s?([A-Z]{3})\b", re.IGNORECASE)
_REG_PREFIX = re.compile(r"\b[A-Z]\d{1,3}\s?([A-Z]{3})\b")
_REG_SUFFIX = re.compile(r"\b([A-Z]{3})\s?\d{1,3}\s?[A-Z]\b")

_NAME_WORD = r"[A-Za-z][a-z'-]+|[A-Z]{2,}"
# One pass over the lower-cased text finds every cue; the group says what follows.
# title/naming: the next word is a name whatever its case ("mr smith", "my name is
# sarah"). role: only a capitalised or listed first name ("driver Dave", not "driver
# was"). signoff: a name that closes the answer ("Thanks, Sarah").
_CUE = re.compile(
    r"\b(?:(?P<title>(?:mr|mrs|ms|miss|mx|dr|prof)\.?)"
    r"|(?P<naming>(?:my name is|my name's|name is|i am called|i'm called|named|known as)[,:]?)"
    r"|(?P<role>(?:called|driver|paramedic|nurse|doctor|receptionist|manager|conductor"
    r"|inspector|officer|guard|carer|volunteer|supervisor|call handler|crew member"
    r"|technician|porter|cleaner|colleague|boss|team leader|staff member)s?[,:]?)"
    r"|(?P<signoff>(?:thanks|thank you|many thanks|regards|kind regards|best wishes|cheers"
    r"|sincerely|from)[,.!]*(?:\s+-)?))(?![\w'])\s+"
)
_CUE_ANY_CASE = re.compile(_CUE.pattern, re.IGNORECASE)
_AND_NAME = re.compile(r"\s*(?:and|&)\s+([A-Z][a-z'-]+)\b")
_CAPITALISED = re.compile(r"\b(?:[A-Z][a-z'-]+|[A-Z]{3,})\b")
_CANDIDATE = re.compile(rf"(?:{_NAME_WORD})(?:[ \t]+(?:{_NAME_WORD}))?")


def _simple(pattern: re.Pattern, kind: str, text: str) -> list[Span]:
    return [Span(m.start(), m.end(), kind) for m in pattern.finditer(text)]


def _emails(text: str) -> list[Span]:
    spans = []
    for at in (m.start() for m in re.finditer("@", text)):
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local and domain:
            spans.append(Span(local.start(), domain.end(), "email"))
    return spans


def _links(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "link") for m in _SCHEME_LINK.finditer(text)]
    for token in _TOKEN.finditer(text):
        word = token.group()
        lead = len(word) - len(word.lstrip("([<'\""))
        if "." in word and _DOMAIN.fullmatch(word[lead:].rstrip(_TRAILING_PUNCT)):
            spans.append(Span(token.start() + lead, token.end(), "link"))
    # Sentence punctuation after a link belongs to the sentence, not the link.
    return [
        Span(sp.start, sp.start + len(text[sp.start : sp.end].rstrip(_TRAILING_PUNCT)), sp.kind)
        for sp in spans
    ]


def _vehicle_regs(text: str) -> list[Span]:
    spans = []
    for match in _REG_CURRENT.finditer(text):
        lowercase = match.group() == match.group().lower()
        # Lower-case "ab12 the" is more likely chat than a plate.
        if not (lowercase and match.group(2).lower() in ENGLISH_STOP_WORDS):
            spans.append(Span(match.start(), match.end(), "vehicle_reg"))
    for pattern in (_REG_PREFIX, _REG_SUFFIX):
        for match in pattern.finditer(text):
            if match.group(1) not in _COMMON_WORDS:
                spans.append(Span(match.start(), match.end(), "vehicle_reg"))
    return spans


def _is_name_like(word: str, permissive: bool) -> bool:
    lower = word.lower()
    if lower in _NOT_NAMES or len(lower) < 2:
        return False
    return permissive or lower in FIRST_NAMES or word[0].isupper()


def _name_after(text: str, pos: int, permissive: bool = False) -> Span | None:
    """The name (one word, plus a surname) starting at ``pos``, if any."""
    match = _CANDIDATE.match(text, pos)
    if not match:
        return None
    words = match.group().split()
    if not _is_name_like(words[0], permissive):
        return None
    surname = len(words) > 1 and _is_name_like(words[1], permissive)
    return Span(pos, match.end() if surname else pos + len(words[0]), "name")


def _cued_names(text: str) -> list[Span]:
    lower = text.lower()
    # Lower-casing a few characters (e.g. "İ") changes the length and so the offsets.
    cues = _CUE.finditer(lower) if len(lower) == len(text) else _CUE_ANY_CASE.finditer(text)
    spans = []
    for match in cues:
        kind = match.lastgroup
        span = _name_after(text, match.end(), permissive=kind in {"title", "naming"})
        # A sign-off name must close the answer; "thanks Sarah for..." is left to the list.
        if span and (kind != "signoff" or not text[span.end :].strip(" .!\n")):
            spans.append(span)
    return spans


def _listed_names(text: str) -> list[Span]:
    """Capitalised words from the shipped first-name list, plus a following surname."""
    spans = []
    for match in _CAPITALISED.finditer(text):
        if match.group().lower() in FIRST_NAMES:
            span = _name_after(text, match.start()) or Span(match.start(), match.end(), "name")
            spans.append(span)
    return spans


_HAS_DIGIT = re.compile(r"\d")
_DOT_LETTER = re.compile(r"\.[A-Za-z]")  # every link has one; most sentences do not
_LOWER_WORD = re.compile(r"[a-z']+")
_CUE_WORD_TEXT = (
    "mr mrs ms miss mx dr prof name named known called driver paramedic nurse doctor"
    " receptionist manager conductor inspector officer guard carer volunteer supervisor"
    " handler crew technician porter cleaner colleague boss leader member thank regard"
    " wishe cheer sincerely from i'm"
)
# Plurals added so "drivers" and "thanks" hit "driver" and "thank".
_CUE_WORDS = frozenset(_CUE_WORD_TEXT.split()) | {w + "s" for w in _CUE_WORD_TEXT.split()}


def _digit_details(text: str) -> list[Span]:
    if not _HAS_DIGIT.search(text):
        return []
    return (
        _simple(_NI, "ni_number", text)
        + _simple(_PHONE, "phone", text)
        + _simple(_POSTCODE, "postcode", text)
        + _vehicle_regs(text)
    )


def _names(text: str) -> list[Span]:
    # Cheap word-set test first: the cue expressions are the slowest detectors and
    # most answers contain no cue word at all.
    has_cue = not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))
    found = (_cued_names(text) if has_cue else []) + _listed_names(text)
    return found + _joined_names(text, found)


def _joined_names(text: str, found: list[Span]) -> list[Span]:
    """Capitalised words joined to a known name by "and"/"&" ("Dave and Jo")."""
    spans = []
    for span in found:
        match = _AND_NAME.match(text, span.end)
        if match and _is_name_like(match.group(1), permissive=False):
            spans.append(Span(match.start(1), match.end(1), "name"))
    return spans


_DETECTORS = (
    lambda t: _emails(t) if "@" in t else [],
    lambda t: _links(t) if _DOT_LETTER.search(t) else [],
    _digit_details,
    _names,
)


def _as_text(text: object) -> str:
    if text is None:
        return ""
    return text if isinstance(text, str) else str(text)


def find_personal_details(text: object) -> list[Span]:
    """Return non-overlapping spans of personal details, ordered by position.

    Earlier detectors win overlaps (an e-mail address is not also a link).
    """
    text = _as_text(text)
    taken: list[Span] = []
    for detector in _DETECTORS:
        for span in detector(text):
            if span.end > span.start and not any(
                span.start < t.end and t.start < span.end for t in taken
            ):
                taken.append(span)
    return sorted(taken)


def redact(text: object) -> str:
    """Replace each personal detail in ``text`` with a typed placeholder."""
    text = _as_text(text)
    pieces, cursor = [], 0
    for span in find_personal_details(text):
        pieces.append(text[cursor : span.start])
        pieces.append(PLACEHOLDERS[span.kind])
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)
