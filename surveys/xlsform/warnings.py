"""pyxform's warnings about a form, for its author: in our words where pyxform's are about ODK."""

import re

OURS = [  # (what pyxform says, what it means here)
    (re.compile(r"This form uses or_other and translations"),
     ("or_other with translations: the 'Other' option and its follow-up question are in English only; "
     "add their translations on the survey's translations page")),
    (re.compile(r"language declarations do not contain valid machine-readable codes: (.*?)\. Learn more"),
     ("language columns without a code ({0}): the language was looked up by name; name columns like "
     "'label::Welsh (cy)' to be sure")),
    (re.compile(r"Language '(.*?)' is missing the (\w+) columns (.*?)\.?$"),
     "'{0}' has no {2} columns on the {1} sheet: those texts show in the main language"),
    (re.compile(r"Language '(.*?)' is missing the (\w+) (\S+) column"),
     "'{0}' has no {2} column on the {1} sheet: those texts show in the main language"),
]


ROW = re.compile(r"^\[row : (\d+)\]\s*")


def in_our_words(warnings: list[str], skipped_rows: set) -> list[str]:
    """Each warning once, in our words, leaving out those about rows that were skipped anyway."""
    lines = [line.strip() for warning in warnings for line in str(warning).splitlines() if line.strip()]
    ours = []
    for line in lines:
        row = ROW.match(line)
        if row and int(row.group(1)) in skipped_rows:
            continue
        ours.append(_ours(line[row.end():] if row else line, f"survey sheet row {row.group(1)}: " if row else ""))
    return list(dict.fromkeys(ours))


def _ours(line: str, where: str) -> str:
    for pattern, words in OURS:
        found = pattern.search(line)
        if found:
            return where + words.format(*found.groups())
    return f"{where}{line} (pyxform)"
