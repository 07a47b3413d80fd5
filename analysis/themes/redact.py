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
from .places import NEVER_NAME_PHRASES, PLACE_WORDS, STREET_SUFFIXES

PLACEHOLDERS = {
    "email": "[email]",
    "link": "[link]",
    "ni_number": "[NI number]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "vehicle_reg": "[vehicle reg]",
    "staff_number": "[staff number]",
    "extension": "[extension]",
    "address": "[address]",
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
    "said", "says", "told", "asked", "helped", "shouted", "was", "is", "and", "appointment",
    "appointments", "contact", "person", "worker", "symptoms", "station", "depot", "office",
    "customer", "services", "ward", "council", "shocking", "disgraceful", "awful", "brilliant",
    "excellent", "again", "never", "always", "cheers", "regards", "everyone", "all",
    "needs", "need", "didnt", "doesnt", "wasnt", "took", "gave", "came", "went", "made", "got",
    "drove", "ran", "spoke", "rang", "kept", "left", "sat", "stood", "knew", "thought", "brought",
    "put", "let", "saw", "did", "does", "has", "had", "rude", "lady", "man", "woman", "gentleman",
    "girl", "guy", "bloke", "chap", "lad", "fella", "house", "centre", "hospital", "infirmary",
    "bar", "cafe", "security", "care", "unit", "emergency", "clinic", "surgery", "practice",
}  # fmt: skip
# Endings of ordinary English words that no common name has ("Explanation", "Kindness").
_WORD_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ed", "ly", "ful",
                 "ous", "ive", "able", "ible", "ism", "ist", "ship", "less")

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

# A capitalised name, including "O'Brien", "McCarthy", "Smith-Jones".
_CAP_WORD = r"(?:O'|Ma?c|D')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAME_WORD = rf"{_CAP_WORD}|[A-Za-z][a-z'-]+|[A-Z]{{2,}}"
# One pass over the lower-cased text finds every cue; the group says what follows.
# title/naming: the next word is a name whatever its case ("mr smith", "my name is
# sarah"). role: only a capitalised or listed first name ("driver Dave", not "driver
# was"); "miss", "ms" and "named" are role-like because they precede ordinary words too
# ("miss appointments", "named contact"). signoff: a name that closes the answer.
_CUE = re.compile(
    r"\b(?:(?P<title>(?:mr|mrs|mx|dr|prof)\.?)"
    r"|(?P<naming>(?:my name is|my name's|name is|i am called|i'm called|known as)[,:]?)"
    r"|(?P<role>(?:miss|ms\.?|named|called|driver|paramedic|nurse|doctor|receptionist|manager"
    r"|conductor|inspector|officer|guard|carer|volunteer|supervisor|call handler|crew member"
    r"|technician|porter|cleaner|colleague|boss|team leader|staff member)s?[,:]?)"
    r"|(?P<signoff>(?:thanks|thank you|many thanks|regards|kind regards|best wishes|cheers"
    r"|sincerely|from)[,.!]*(?:\s+-)?))(?![\w'])\s+"
)
_CUE_ANY_CASE = re.compile(_CUE.pattern, re.IGNORECASE)
_AND_NAME = re.compile(r"\s*(?:and|&)\s+([A-Z][a-z'-]+)\b")
_CAPITALISED = re.compile(rf"\b(?:{_CAP_WORD}|[A-Z][a-z'-]+|[A-Z]{{3,}})\b")
_LOWER_LISTED = re.compile(r"\b[a-z]{2,}\b")
_CANDIDATE = re.compile(rf"(?:{_NAME_WORD})(?:[ \t]+(?:{_NAME_WORD}))?")
# Phone-typed answers leave names lower-case ("sarah on reception"). Listed names that
# are also words or shops stay capitalised-only.
_LOWER_CASE_AMBIGUOUS = frozenset(
    ["jack", "carol", "carl", "daisy", "lily", "holly", "heather", "jasmine", "dean", "ruby", "sue", "rob", "nick", "jean", "zara", "florence", "georgia", "lewis", "tom", "ben"]
)
_LOWER_CASE_NAMES = FIRST_NAMES - _LOWER_CASE_AMBIGUOUS
# A signature closing the answer after a dash ("great driver - Dave", "-- Chidi Okafor").
_DASH_SIGNOFF = re.compile(r"(?:^|(?<=\s))[-\u2013\u2014~]+\s*(?=[A-Za-z][^\n]{0,40}$)")
# "Chidi Okafor, Walton": a capitalised first name and surname before a comma.
_FULL_NAME_COMMA = re.compile(rf"\b{_CAP_WORD}[ \t]+{_CAP_WORD}(?=,)")
# A capitalised word before where its owner works: "Chidi on reception", "Tayo from HR".
_WORKS_AT = re.compile(
    rf"\b(?:(?P<first>{_CAP_WORD})[ \t]+)?(?P<last>{_CAP_WORD})(?=[ \t]+(?:on|at|from|in)[ \t]+(?:the[ \t]+)?(?:reception|desk|front desk"
    r"|office|ward|hr|switchboard|helpline|counter|ticket office|customer services)\b)"
)
_NEVER_NAME = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(NEVER_NAME_PHRASES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?\n])[ \t]*$")
_CMS_WORD = re.compile(r"(?:my|with|have|has|got|of|for|from|the)\s+$", re.IGNORECASE)


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
    if lower in _NOT_NAMES or len(lower) < 2 or lower in PLACE_WORDS or lower in STREET_SUFFIXES:
        return False
    if lower in FIRST_NAMES:
        return True
    # Contractions ("I've") and word-like endings are not names; "O'Brien" is.
    if ("'" in lower and not lower.startswith(("o'", "d'"))) or lower.endswith(_WORD_ENDINGS):
        return False
    if permissive:
        return True
    # Shouted words ("driver REFUSED") are not names unless listed.
    return word[0].isupper() and not word.isupper()


def _is_surname(word: str, permissive: bool) -> bool:
    """A second word after an accepted first name: capitalised, or lower-case as phones type
    it ("dave smith", "Steve okafor"), but not a verb or adverb ("sarah helped")."""
    return _is_name_like(word, permissive or word.islower())


def _before_street(text: str, end: int) -> bool:
    """True when the word after ``end`` is a street suffix or a place ("Victoria Street")."""
    following = _LOWER_WORD.match(text.lower(), end + 1) if text[end : end + 1] == " " else None
    return bool(following) and following.group() in STREET_SUFFIXES | {"station", "park", "centre"}


def _name_after(text: str, pos: int, permissive: bool = False) -> Span | None:
    """The name (one word, plus a surname) starting at ``pos``, if any."""
    match = _CANDIDATE.match(text, pos)
    if not match:
        return None
    words = match.group().split()
    if not _is_name_like(words[0], permissive):
        return None
    surname = len(words) > 1 and _is_surname(words[1], permissive)
    end = match.end() if surname else pos + len(words[0])
    if _before_street(text, end):
        return None
    return Span(pos, end, "name")


def _closes_answer(text: str, end: int) -> bool:
    return not text[end:].strip(" .!\n\txX")


def _cued_names(text: str) -> list[Span]:
    lower = text.lower()
    # Lower-casing a few characters (e.g. "İ") changes the length and so the offsets.
    cues = _CUE.finditer(lower) if len(lower) == len(text) else _CUE_ANY_CASE.finditer(text)
    spans = []
    for match in cues:
        kind = match.lastgroup
        cue = text[match.start() : match.end()].strip()
        # "my MS", "with MS": the condition, not a title.
        if cue.rstrip(".").lower() == "ms" and (cue.startswith("MS") or _CMS_WORD.search(text[: match.start()])):
            continue
        span = _name_after(text, match.end(), permissive=kind in {"title", "naming"})
        # A sign-off name must close the answer; "thanks Sarah for..." is left to the list.
        if span and (kind != "signoff" or _closes_answer(text, span.end)):
            spans.append(span)
    return spans


def _signature_names(text: str) -> list[Span]:
    """Names signed after a dash at the end, or given in full before a comma."""
    spans = []
    dash = _DASH_SIGNOFF.search(text)
    if dash:
        span = _name_after(text, dash.end())
        if span and _closes_answer(text, span.end):
            spans.append(span)
    for match in _FULL_NAME_COMMA.finditer(text):
        first, second = match.group().split(maxsplit=1)
        # Unlisted first names only where a signature stands: opening a sentence, with at
        # most a few words (a place, a role) after the comma.
        signature = _SENTENCE_START.search(text[: match.start()]) and len(text[match.end() :].split()) <= 6
        if (first.lower() in FIRST_NAMES or signature) and _is_name_like(first, False) \
                and _is_name_like(second.split("-")[0], False):
            spans.append(Span(match.start(), match.end(), "name"))
    for match in _WORKS_AT.finditer(text):
        span = _name_after(text, match.start()) or _name_after(text, match.start("last"))
        if span:
            spans.append(span)
    return spans


def _listed_names(text: str) -> list[Span]:
    """Words from the shipped first-name list (capitalised, or lower-case where the name is
    not also a word), plus a following surname."""
    spans = []
    found = [m for m in _CAPITALISED.finditer(text) if m.group().lower() in FIRST_NAMES]
    found += [m for m in _LOWER_LISTED.finditer(text) if m.group() in _LOWER_CASE_NAMES]
    for match in found:
        span = _name_after(text, match.start())
        if span is None and not _before_street(text, match.end()):
            span = Span(match.start(), match.end(), "name")
        if span:
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


# Staff, payroll and employee numbers: a cue, an optional "no"/"number"/"id", the number.
_STAFF_NUMBER = re.compile(
    r"\b(?P<cue>staff|payroll|employee|emp|personnel|badge|crew|works|pay|id)(?:'s)?[ \t.]*"
    r"(?P<word>(?:no|num|nmbr|number|id|ref|code)\b\.?|\#)?[ \t]*(?:is\b|:|=|-)?[ \t]*\#?[ \t]*"
    r"(?P<num>(?:[a-z]{1,3}[-/]?)?\d[\d-]{1,11}[a-z]?)\b",
    re.IGNORECASE,
)
_NEEDS_NUMBER_WORD = frozenset({"works", "pay", "crew"})
_EXTENSION = re.compile(r"\b(?:ext(?:ension|n)?\.?[ \t]*(?:no\.?)?[ \t]*:?[ \t]*|x)\d{3,6}\b", re.IGNORECASE)
# Numbers without an area code, given after a phone word ("ring me on 233 4455").
_CUED_PHONE = re.compile(
    r"\b(?:tel|telephone|phone|mob|mobile|ring|call|text|txt|whatsapp|number)"
    r"(?:[ \t]+(?:me|us|her|him|them|on|is|number|no))*[ \t:.]+\(?(?P<num>\d(?:[ \t-]?\d){5,10})(?!\d)",
    re.IGNORECASE,
)
_STREET_SUFFIX = "|".join(sorted(STREET_SUFFIXES, key=len, reverse=True))
# A house number (optionally a flat first) and one to three street words ending in a suffix.
_ADDRESS = re.compile(
    r"\b(?:(?:flat|apt|apartment|unit)[ \t]*\d{1,4}[a-z]?,?[ \t]+)?(?:no\.?[ \t]*)?(?P<num>\d{1,4}[a-z]?),?[ \t]+"
    rf"(?P<street>(?:[a-z][a-z'-]+[ \t]+){{1,3}}?)(?:{_STREET_SUFFIX})\b(?![ \t]+(?:bus|buses|service|route|train))",
    re.IGNORECASE,
)
# Words that show the number is a count, a time or a route, not a house number.
_NOT_STREET_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "mins", "minutes", "min", "hours", "hrs", "times", "buses", "bus", "stops", "people", "years",
    "days", "weeks", "pounds", "quid", "pence", "stars", "percent", "am", "pm", "along", "via",
    "past", "near", "outside", "towards", "opposite", "down", "up", "round", "and", "or", "to",
    "trains", "yrs", "months", "seconds", "kids", "miles", "metres", "steps", "services", "routes",
}  # fmt: skip
_ROUTE_BEFORE = re.compile(r"(?:the|route|bus|service|platform|stand|gate|stop|number)[ \t]+$", re.IGNORECASE)


def _staff_numbers(text: str) -> list[Span]:
    spans = []
    for match in _STAFF_NUMBER.finditer(text):
        digits = sum(ch.isdigit() for ch in match.group("num"))
        needed = 3 if match.group("word") else 4
        if digits >= needed and (match.group("word") or match.group("cue").lower() not in _NEEDS_NUMBER_WORD):
            spans.append(Span(match.start("num"), match.end("num"), "staff_number"))
    return spans


def _addresses(text: str) -> list[Span]:
    spans = []
    for match in _ADDRESS.finditer(text):
        words = match.group("street").lower().split()
        if _NOT_STREET_WORDS.isdisjoint(words) and not _ROUTE_BEFORE.search(text[: match.start()]):
            spans.append(Span(match.start(), match.end(), "address"))
    return spans


def _digit_details(text: str) -> list[Span]:
    if not _HAS_DIGIT.search(text):
        return []
    return (
        _simple(_NI, "ni_number", text)
        + _staff_numbers(text)
        + _simple(_EXTENSION, "extension", text)
        + _simple(_PHONE, "phone", text)
        + [Span(m.start("num"), m.end("num"), "phone") for m in _CUED_PHONE.finditer(text)]
        + _addresses(text)
        + _simple(_POSTCODE, "postcode", text)
        + _vehicle_regs(text)
    )


def _names(text: str) -> list[Span]:
    # Cheap word-set test first: the cue expressions are the slowest detectors and
    # most answers contain no cue word at all.
    has_cue = not _CUE_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))
    found = (_cued_names(text) if has_cue else []) + _listed_names(text) + _signature_names(text)
    found += _joined_names(text, found)
    landmarks = [m.span() for m in _NEVER_NAME.finditer(text)]
    found = [sp for sp in found if not any(sp.start < end and start < sp.end for start, end in landmarks)]
    return _merged(found)


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping name spans as one ("Shirin Ali" found whole and as "Ali")."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start < merged[-1].end:
            merged[-1] = merged[-1]._replace(end=max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


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
