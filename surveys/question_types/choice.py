from django.utils.translation import gettext as _

from .base import SPECIAL_ANSWERS, QuestionKind


def _labels(q: dict) -> dict[str, str]:
    return {option["code"]: option["label"] for option in q.get("options", ())}


class SingleChoice(QuestionKind):
    type = "single"

    def required_message(self, q):
        return _("Select an answer")

    def clean_value(self, q, value):
        if not isinstance(value, str) or value not in _labels(q):
            self.fail(q, _("Select one of the options shown"))
        return value

    def display_value(self, q, value):
        return _labels(q).get(value, value)


class MultipleChoice(QuestionKind):
    type = "multiple"

    def from_form(self, q, data):
        return {q["code"]: [v for v in data.getlist(q["code"]) if v]}

    def required_message(self, q):
        return _("Select at least one answer")

    def clean(self, q, raw, *, required):
        value = raw.get(q["code"])
        if isinstance(value, str) and value:
            raw = {q["code"]: [value]}
        return super().clean(q, raw, required=required)

    def clean_value(self, q, value):
        labels = _labels(q)
        special = set(q.get("special", ()))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(q, _("Select from the options shown"))
        chosen = list(dict.fromkeys(value))
        if any(v not in labels and v not in special for v in chosen):
            self.fail(q, _("Select from the options shown"))
        exclusive = {o["code"] for o in q.get("options", ()) if o.get("exclusive")} | special
        if len(chosen) > 1 and exclusive.intersection(chosen):
            only = next(labels.get(v) or _(SPECIAL_ANSWERS[v]) for v in chosen if v in exclusive)
            self.fail(q, _("Select ‘%(option)s’ on its own, or untick it") % {"option": only})
        if len(chosen) == 1 and chosen[0] in special:
            return chosen[0]
        return chosen

    def display_value(self, q, value):
        labels = _labels(q)
        return "\n".join(labels.get(v, v) for v in value)
