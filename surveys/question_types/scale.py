from django.utils.translation import gettext as _

from .base import SPECIAL_ANSWERS, AnswerErrors, QuestionKind, is_blank


def _parse_point(q: dict, value):
    """An integer point on the question's scale, or None if it is not one."""
    scale = q["scale"]
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.lstrip("-").isdigit() or len(value) > 4:
            return None
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and scale["min"] <= value <= scale["max"]:
        return value
    return None


def point_label(q: dict, value: int) -> str:
    """A point as the respondent saw it: "1 – Very dissatisfied" at a labelled end, else "3"."""
    scale = q["scale"]
    label = scale.get("min_label") if value == scale["min"] else \
        scale.get("max_label") if value == scale["max"] else ""
    return f"{value} – {label}" if label else str(value)


class ScaleQuestion(QuestionKind):
    type = "scale"

    def required_message(self, q):
        return _("Select a number from %(min)s to %(max)s") % q["scale"]

    def clean_value(self, q, value):
        point = _parse_point(q, value)
        if point is None:
            self.fail(q, self.required_message(q))
        return point

    def display_value(self, q, value):
        return point_label(q, value)


class GridQuestion(QuestionKind):
    """Several statements sharing one scale; each item is stored under its own code."""

    type = "grid"

    def value_codes(self, q):
        return [item["code"] for item in q["items"]]

    def from_form(self, q, data):
        return {code: data.get(code) for code in self.value_codes(q)}

    def from_json(self, q, answers):
        nested = answers.get(q["code"])
        source = nested if isinstance(nested, dict) else answers
        return {code: source.get(code) for code in self.value_codes(q)}

    def clean(self, q, raw, *, required):
        cleaned, errors = {}, {}
        special = q.get("special", ())
        for item in q["items"]:
            value = raw.get(item["code"])
            if is_blank(value):
                if required:
                    errors[item["code"]] = _("Select an answer for ‘%(item)s’") % {"item": item["text"]}
                continue
            if isinstance(value, str) and value in special:
                cleaned[item["code"]] = value
                continue
            point = _parse_point(q, value)
            if point is None:
                scale = q["scale"]
                errors[item["code"]] = _("Select a number from %(min)s to %(max)s for ‘%(item)s’") % {
                    "min": scale["min"], "max": scale["max"], "item": item["text"]}
            else:
                cleaned[item["code"]] = point
        if errors:
            raise AnswerErrors(errors)
        return cleaned

    def display(self, q, answers):
        lines = []
        for item in q["items"]:
            value = answers.get(item["code"])
            if value is not None:
                shown = _(SPECIAL_ANSWERS[value]) if value in SPECIAL_ANSWERS else point_label(q, value)
                lines.append(f"{item['text']}: {shown}")
        return "\n".join(lines) or None
