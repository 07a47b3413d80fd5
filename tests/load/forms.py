"""Fill in a respondent page's form as a resident would: read the HTML, pick an answer for
every field, press the page's main button.

Used by the load scenario, so it knows nothing of our definitions: only what the page shows.
Radios and selects get one of their options, checkboxes one box, date parts a valid date
(or, now and then, the date's own "Prefer not to say" box instead), numeric inputs a small
number, other text a short sentence; hidden inputs keep their values.
"""

import random
from html.parser import HTMLParser

DATE_PARTS = {"day": "14", "month": "6", "year": "1978"}
SAVE_ACTIONS = {"save"}


class _Form:
    def __init__(self, action):
        self.action = action
        self.hidden: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}  # radios and selects
        self.boxes: dict[str, list[str]] = {}
        self.texts: list[tuple[str, str]] = []  # (name, inputmode)
        self.buttons: list[tuple[str, str]] = []


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[_Form] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self.forms.append(_Form(attrs.get("action") or None))
            return
        if not self.forms:
            return
        form, name = self.forms[-1], attrs.get("name", "")
        kind = attrs.get("type", "text").lower()
        if tag == "input" and kind == "hidden":
            form.hidden[name] = attrs.get("value", "")
        elif tag == "input" and kind == "radio":
            form.choices.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "input" and kind == "checkbox":
            form.boxes.setdefault(name, []).append(attrs.get("value", ""))
        elif (tag == "input" and kind in {"text", "number", "email", "tel"}) or tag == "textarea":
            form.texts.append((name, attrs.get("inputmode", "")))
        elif tag == "select":
            self._select = form.choices.setdefault(name, [])
        elif tag == "option" and self._select is not None and attrs.get("value"):
            self._select.append(attrs["value"])
        elif tag == "button" and kind == "submit":
            form.buttons.append((name, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _text_answer(name: str, inputmode: str, rng: random.Random) -> str:
    part = name.rsplit("-", 1)[-1]
    if part in DATE_PARTS:
        return DATE_PARTS[part]
    if inputmode in {"numeric", "decimal"}:  # an age is an adult's; other counts are small
        return str(rng.randint(18, 80) if "age" in name else rng.randint(1, 5))
    return rng.choice(["The buses are late in the evening.", "More ramps at the stops, please.",
                       "Staff were kind and helpful.", "I don't feel safe waiting after dark."])


def next_submission(html: str, rng: random.Random) -> tuple[str | None, dict]:
    """The main form's action (None: the page's own URL) and the fields to post; raises
    LookupError when the page has no form to go on with (the confirmation page)."""
    parser = _FormParser()
    parser.feed(html)
    for form in reversed(parser.forms):
        buttons = [(n, v) for n, v in form.buttons if v not in SAVE_ACTIONS] or form.buttons
        if not buttons and not form.hidden:
            continue
        fields = dict(form.hidden)
        for name, options in form.choices.items():
            fields[name] = rng.choice(options)
        dated = {name.rsplit("-", 1)[0] for name, _ in form.texts if name.rsplit("-", 1)[-1] in DATE_PARTS}
        for name, options in form.boxes.items():
            if name not in dated or rng.random() < 0.2:  # a date's own box ("Prefer not to say")
                fields[name] = rng.choice(options)
        for name, inputmode in form.texts:
            if name.rsplit("-", 1)[0] not in fields:  # a date, or its box: never both
                fields[name] = _text_answer(name, inputmode, rng)
        if buttons and buttons[0][0]:
            fields[buttons[0][0]] = buttons[0][1]
        return form.action, fields
    raise LookupError("no form to go on with")
