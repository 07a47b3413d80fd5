import math

from django.utils.translation import gettext as _

from .base import QuestionKind


class NumberQuestion(QuestionKind):
    type = "number"

    def required_message(self, q):
        return _("Enter a number")

    def clean_value(self, q, value):
        if isinstance(value, bool):
            self.fail(q, _("Enter a number, like 12"))
        if isinstance(value, str):
            text = value.strip().replace(",", "")
            if len(text) > 30:
                self.fail(q, _("Enter a number, like 12"))
            try:
                value = float(text)
            except ValueError:
                self.fail(q, _("Enter a number, like 12"))
        if not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(q, _("Enter a number, like 12"))
        low, high = q.get("min"), q.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(q, _range_message(low, high))
        return int(value) if float(value).is_integer() else value


def _range_message(low, high) -> str:
    if low is not None and high is not None:
        return _("Enter a number between %(low)s and %(high)s") % {"low": _fmt(low), "high": _fmt(high)}
    if low is not None:
        return _("Enter a number of at least %(low)s") % {"low": _fmt(low)}
    return _("Enter a number of at most %(high)s") % {"high": _fmt(high)}


def _fmt(number):
    return f"{number:g}"
