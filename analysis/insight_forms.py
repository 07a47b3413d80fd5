"""GET forms of the targets board, trend and heat map pages (plain GET: bookmarkable, no JavaScript)."""

from django import forms

from .forms import question_choices, survey_characteristics

EVERY = "every"
PERIOD_CHOICES = [("month", "Month"), ("quarter", "Quarter"), ("wave", "Wave (each year's survey)")]
MEASURES = [("mean", "Mean score"), ("pct_positive", "Percentage positive")]


class BoardForm(forms.Form):
    by = forms.ChoiceField(label="Groups of", required=False)

    def __init__(self, data, *, survey):
        super().__init__(data)
        self.characteristics = survey_characteristics(survey)
        self.fields["by"].choices = [*self.characteristics, (EVERY, "Every characteristic (slower)")]

    @property
    def characteristic(self) -> str | None:
        """The chosen characteristic; None for every one; the first by default."""
        chosen = self.cleaned_data.get("by") if self.is_bound and self.is_valid() else ""
        if chosen == EVERY:
            return None
        return chosen or (self.characteristics[0][0] if self.characteristics else None)


class TrendForm(forms.Form):
    question = forms.ChoiceField(label="Question")
    period = forms.ChoiceField(label="By", choices=PERIOD_CHOICES)
    by = forms.ChoiceField(label="For the groups of (optional)", required=False)
    measure = forms.ChoiceField(label="Show", choices=MEASURES, required=False)
    positive = forms.CharField(required=False, widget=forms.HiddenInput)  # from a target's row on the board

    def clean_positive(self) -> list[str]:
        return [v.strip() for v in self.cleaned_data["positive"].split(",") if v.strip()]

    def __init__(self, data, *, survey):
        super().__init__(data)
        self.fields["question"].choices = question_choices(survey)
        self.fields["by"].choices = [("", "Everyone only"), *survey_characteristics(survey)]


class HeatMapForm(forms.Form):
    by = forms.ChoiceField(label="Groups of")

    def __init__(self, data, *, survey):
        super().__init__(data)
        self.fields["by"].choices = survey_characteristics(survey)
