import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .base import DONT_KNOW, PREFER_NOT_TO_SAY, QuestionKind, is_blank

PARTS = (gettext_noop("day"), gettext_noop("month"), gettext_noop("year"))
# The boxes a date question offers beside the date, as labelled on the page (question_types.html).
TICKED = {PREFER_NOT_TO_SAY: gettext_noop("Prefer not to say"), DONT_KNOW: gettext_noop("I do not know")}


class DateQuestion(QuestionKind):
    """A date entered as separate day, month and year boxes (GOV.UK date input)."""

    type = "date"

    def from_form(self, q, data):
        parts = {part: (data.get(f"{q['code']}-{part}") or "").strip() for part in PARTS}
        special = data.get(q["code"])
        if special in q.get("special", ()):
            # A date and "Prefer not to say" together: ask which was meant (clean_value), never guess.
            return {q["code"]: {**parts, "special": special} if any(parts.values()) else special}
        return {q["code"]: parts if any(parts.values()) else None}

    def required_message(self, q):
        return _("Enter a date")

    def clean_value(self, q, value):
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                self.fail(q, _("Enter a real date, like 27 3 2007"))
        if not isinstance(value, dict):
            self.fail(q, _("Enter a real date, like 27 3 2007"))
        if value.get("special") in TICKED:
            self.fail(q, _("Enter a date or tick ‘%(answer)s’, not both") % {"answer": _(TICKED[value["special"]])})
        missing = [part for part in PARTS if is_blank(value.get(part))]
        if missing:
            self.fail(q, _("Date must include a %(parts)s") % {"parts": _(" and ").join(_(p) for p in missing)})
        try:
            day, month, year = (int(str(value[part]).strip()) for part in PARTS)
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            self.fail(q, _("Enter a real date, like 27 3 2007"))

    def display_value(self, q, value):
        return date_format(datetime.date.fromisoformat(value), "j F Y")
