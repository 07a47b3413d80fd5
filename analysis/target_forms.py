"""The form administrators add and edit a target with (analysis/target_views.py).

Choices come from the survey the administrator is working in; a target belongs to its
programme, so a later wave asking the same questions is tracked against it too.
"""

from django import forms

from surveys.definition import for_version

from .forms import survey_characteristics
from .models import Target
from .questions import closed_questions


class _FirstOption:
    """Radios and checkboxes whose label target is their first option, so the error
    summary can link to the group (Django gives such groups no label id)."""

    def id_for_label(self, id_, index=None):
        return f"{id_}_{index or 0}" if id_ else id_


class Checkboxes(_FirstOption, forms.CheckboxSelectMultiple):
    pass


class Radios(_FirstOption, forms.RadioSelect):
    pass


class TargetForm(forms.ModelForm):
    question_codes = forms.MultipleChoiceField(
        label="Questions", widget=Checkboxes,
        help_text="Each question gets its own row on the board; an index combines them into one.",
        error_messages={"required": "Select at least one question"})
    characteristics = forms.MultipleChoiceField(
        label="Groups (optional)", required=False, widget=Checkboxes,
        help_text="Leave all unticked for the groups of every characteristic.")
    positive = forms.CharField(
        label="Answers counted as positive (optional)", required=False,
        help_text="For a percentage: answer codes separated by commas, for example very_safe, fairly_safe. "
                  "Leave blank for a scale's top points (6 and 7 on 1 to 7).")

    class Meta:
        model = Target
        fields = ["name", "measure", "question_codes", "direction", "threshold", "positive", "characteristics",
                  "period_from", "period_to"]
        labels = {"name": "Name", "measure": "Measure", "direction": "Direction", "threshold": "Threshold",
                  "period_from": "Count responses from (optional)", "period_to": "Count responses to (optional)"}
        help_texts = {"threshold": "A mean on the question's scale (6 for 6 out of 7), or a percentage from 0 to "
                                   "100 for a percentage or an index.",
                      "period_from": "Dates widen to whole months.", "period_to": "Dates widen to whole months."}
        widgets = {"measure": Radios, "direction": Radios,
                   "period_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "period_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"name": {"required": "Enter a name for the target"},
                          "threshold": {"required": "Enter the threshold", "invalid": "Enter the threshold as a number"},
                          "period_from": {"invalid": "Enter a real date"}, "period_to": {"invalid": "Enter a real date"}}

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {q.code: q for q in closed_questions(for_version(survey.current_version_id))}
        self.fields["question_codes"].choices = [(q.code, f"{q.text} ({q.code})") for q in self.questions.values()]
        self.fields["characteristics"].choices = survey_characteristics(survey)
        self.fields["measure"].choices = Target.Measure.choices
        self.fields["direction"].choices = Target.Direction.choices
        self.initial["positive"] = ", ".join(self.instance.positive or [])

    def clean_positive(self) -> list[str]:
        return [v.strip() for v in self.cleaned_data["positive"].split(",") if v.strip()]

    def clean(self):
        data = super().clean()
        chosen = [self.questions[c] for c in data.get("question_codes") or [] if c in self.questions]
        measure, threshold = data.get("measure"), data.get("threshold")
        if measure in (Target.Measure.MEAN, Target.Measure.INDEX) and any(q.scale is None for q in chosen):
            self.add_error("question_codes", "A mean or an index needs scale questions only")
        if measure == Target.Measure.PCT_POSITIVE:
            self._check_positive(chosen, data.get("positive") or [])
        else:  # a mean or an index counts no answers as positive
            data["positive"] = []
        if threshold is not None and measure:
            self._check_threshold(chosen, measure, threshold)
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", "The end date must be on or after the start date")
        return data

    def _check_positive(self, chosen, positive):
        if not positive and any(q.scale is None for q in chosen):
            self.add_error("positive", "Enter the answers counted as positive for a choice question")
        for q in chosen:
            unknown = [v for v in positive if v not in q.answer_values() or v in q.special]
            if unknown:
                self.add_error("positive", f"Not answers to {q.code}: {', '.join(unknown)}")
                return

    def _check_threshold(self, chosen, measure, threshold):
        if measure != Target.Measure.MEAN:
            if not 0 <= threshold <= 100:
                self.add_error("threshold", "Enter a percentage from 0 to 100")
            return
        for q in chosen:
            if q.scale and not q.scale["min"] <= threshold <= q.scale["max"]:
                self.add_error("threshold", f"Enter a mean from {q.scale['min']} to {q.scale['max']}, "
                                            f"the scale of {q.code}")
                return
