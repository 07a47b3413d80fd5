"""What every question type provides.

A question is a plain dict from a frozen definition. ``clean`` turns raw input (from a web
form or JSON) into stored values, or raises AnswerErrors mapping each field code to a message
saying how to fix it (GOV.UK error message style: no "please", no "invalid").
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

PREFER_NOT_TO_SAY = "prefer_not_to_say"
DONT_KNOW = "dont_know"
# Plain strings (exports and analysis use them as they are); gettext() them for respondents.
SPECIAL_ANSWERS = {PREFER_NOT_TO_SAY: gettext_noop("Prefer not to say"), DONT_KNOW: gettext_noop("Don't know")}


class AnswerErrors(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == [] or raw == {}


class QuestionKind:
    type = ""

    def value_codes(self, q: dict) -> list[str]:
        """The answer keys this question writes (a grid writes one per item)."""
        return [q["code"]]

    def from_form(self, q: dict, data) -> dict:
        """Raw values from a submitted web form (a QueryDict)."""
        return {q["code"]: data.get(q["code"])}

    def from_json(self, q: dict, answers: dict) -> dict:
        return {q["code"]: answers.get(q["code"])}

    def clean(self, q: dict, raw: dict, *, required: bool) -> dict:
        code = q["code"]
        value = raw.get(code)
        if is_blank(value):
            if required:
                raise AnswerErrors({code: q.get("error") or self.required_message(q)})
            return {}
        if isinstance(value, str) and value in q.get("special", ()):
            return {code: value}
        return {code: self.clean_value(q, value)}

    def clean_value(self, q: dict, value):
        raise NotImplementedError

    def required_message(self, q: dict) -> str:
        return _("Answer this question")

    def fail(self, q: dict, message: str):
        raise AnswerErrors({q["code"]: message})

    def display(self, q: dict, answers: dict) -> str | None:
        """The answer as a person reads it on the check-your-answers page; None if unanswered."""
        value = answers.get(q["code"])
        if value is None:
            return None
        if isinstance(value, str) and value in SPECIAL_ANSWERS:
            return _(SPECIAL_ANSWERS[value])
        return self.display_value(q, value)

    def display_value(self, q: dict, value) -> str:
        return str(value)
