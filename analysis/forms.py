"""GET forms for the analysts' pages: what to break down, by what, for which responses.

Plain GET so every page works with JavaScript off and every view can be bookmarked.
"""

from django import forms

from surveys.definition import for_version
from surveys.models import Channel

from . import frames
from .exports.services import default_questions
from .filters import Filters
from .questions import (
    characteristic_label,
    closed_question,
    closed_questions,
)
from .targets import available_characteristics

CORRECTIONS = [("holm", "Holm (controls the chance of any false finding)"),
               ("bh", "Benjamini-Hochberg (controls the share of false findings)")]


def survey_characteristics(survey) -> list[tuple[str, str]]:
    """(code, label) of characteristics a survey can be broken down by, then the channel."""
    return [(c, characteristic_label(c)) for c in available_characteristics(survey)] + [(frames.CHANNEL, "Channel")]


def question_choices(survey) -> list[tuple[str, str]]:
    """Questions results are reported for (``default_questions``), labelled with their codes."""
    definition = for_version(survey.current_version_id)
    wanted = set(default_questions(survey))
    return [(q.code, f"{q.text} ({q.code})") for q in closed_questions(definition) if q.code in wanted]


class BreakdownForm(forms.Form):
    question = forms.ChoiceField(label="Question")
    by = forms.ChoiceField(label="Break down by")
    by2 = forms.ChoiceField(label="And by (optional)", required=False)
    date_from = forms.DateField(label="Responses from (optional)", required=False,
                                help_text="Use the date picker, or type the day, month and year. "
                                          "Dates widen to whole months.")
    date_to = forms.DateField(label="Responses to (optional)", required=False)
    channel = forms.ChoiceField(label="Channel", required=False)
    correction = forms.ChoiceField(label="Correction for many comparisons", choices=CORRECTIONS, required=False)
    option = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, survey, multiple_questions: bool = False):
        super().__init__(data)
        chars = survey_characteristics(survey)
        self.fields["by"].choices = chars
        self.fields["by2"].choices = [("", "Nothing else"), *chars]
        self.fields["channel"].choices = [("", "Any channel"), *Channel.objects.values_list("code", "name"),
                                          (frames.NO_CHANNEL, "No channel (direct link)")]
        questions = question_choices(survey)
        if multiple_questions:
            self.fields["question"] = forms.MultipleChoiceField(
                label="Questions", choices=questions, required=False,
                help_text="Leave all unticked for every question.")
        else:
            self.fields["question"].choices = questions

    def clean(self):
        data = super().clean()
        if data.get("by2") and data.get("by2") == data.get("by"):
            self.add_error("by2", "Choose a different characteristic, or nothing else")
        return data

    @property
    def by_codes(self) -> list[str]:
        return [c for c in (self.cleaned_data["by"], self.cleaned_data.get("by2")) if c]

    @property
    def filters(self) -> Filters:
        channel = self.cleaned_data.get("channel")
        return Filters(date_from=self.cleaned_data.get("date_from"), date_to=self.cleaned_data.get("date_to"),
                       channels=(channel,) if channel else ())


class RepresentativenessForm(forms.Form):
    reference = forms.ChoiceField(label="Population reference data")
    characteristic = forms.ChoiceField(label="Compare by")
    exclude = forms.MultipleChoiceField(label="Leave out of the comparison", required=False,
                                        help_text="Population groups outside the survey's scope, "
                                                  "for example 0-15 for a survey of adults.")
    weight = forms.BooleanField(label="Weight respondents to the population shares", required=False)
    question = forms.ChoiceField(label="Weighted result for (optional)", required=False)

    def __init__(self, data, *, survey, population: dict[str, dict[str, dict[str, float]]]):
        super().__init__(data)
        available = dict(survey_characteristics(survey))
        self.population = population
        self.fields["reference"].choices = [(name, name) for name in population]
        shared = dict.fromkeys(c for chars in population.values() for c in chars if c in available)
        self.fields["characteristic"].choices = [(c, available[c]) for c in shared]
        groups = dict.fromkeys(g for chars in population.values() for shares in chars.values() for g in shares)
        self.fields["exclude"].choices = [(g, g) for g in groups]
        self.fields["question"].choices = [("", "None"), *(
            (code, label) for code, label in question_choices(survey) if _is_scale(survey, code))]

    def clean(self):
        data = super().clean()
        reference, characteristic = data.get("reference"), data.get("characteristic")
        if reference and characteristic and characteristic not in self.population.get(reference, {}):
            self.add_error("characteristic", f"{reference} has no shares for this characteristic")
        return data

    @property
    def shares(self) -> dict[str, float]:
        return self.population[self.cleaned_data["reference"]][self.cleaned_data["characteristic"]]


def _is_scale(survey, code) -> bool:
    question = closed_question(for_version(survey.current_version_id), code)
    return question is not None and question.type == "scale"
