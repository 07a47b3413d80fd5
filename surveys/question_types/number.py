import math

from .base import QuestionKind


class NumberQuestion(QuestionKind):
    type = "number"

    def required_message(self, q):
        return "Enter a number"

    def clean_value(self, q, value):
        if isinstance(value, bool):
            self.fail(q, "Enter a number, like 12")
        if isinstance(value, str):
            text = value.strip().replace(",", "")
            if len(text) > 30:
                self.fail(q, "Enter a number, like 12")
            try:
                value = float(text)
            except ValueError:
                self.fail(q, "Enter a number, like 12")
        if not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(q, "Enter a number, like 12")
        low, high = q.get("min"), q.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(q, f"Enter a number between {_fmt(low)} and {_fmt(high)}" if low is not None
                      and high is not None else f"Enter a number of at least {_fmt(low)}"
                      if low is not None else f"Enter a number of at most {_fmt(high)}")
        return int(value) if float(value).is_integer() else value


def _fmt(number):
    return f"{number:g}"
