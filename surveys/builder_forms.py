"""Forms of the survey builder: each question type shows only its own settings."""

from django import forms
from django.utils.text import slugify

from engagement import access
from engagement.models import Role

from .builder import BANK
from .definition_checks import CHOICE_TYPES, SCALE_TYPES
from .models import QuestionType

TEXT = {"max_length": 500}


class SurveyCreateForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=None, empty_label="Select a programme",
                                       error_messages={"required": "Select a programme"})
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the survey's title"})
    slug = forms.SlugField(label="Web address", max_length=50, required=False,
                           help_text="Letters, numbers and hyphens, for example travel-2026. Leave empty to "
                                     "make one from the title.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                  help_text="What the survey is for, shown on its start page.")
    bank = forms.MultipleChoiceField(label="Start from the question bank", required=False,
                                     choices=[(key, label) for key, (label, _) in BANK.items()],
                                     widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = access.programmes_for(user, Role.AUTHOR)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("slug"):
            cleaned["slug"] = slugify(cleaned["title"])[:50]
        return cleaned


class PageForm(forms.Form):
    title = forms.CharField(label="Page title", max_length=200, error_messages={"required": "Enter a page title"})


class QuestionTypeForm(forms.Form):
    type = forms.ChoiceField(label="What kind of question?", choices=QuestionType.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Select a kind of question"})


class QuestionForm(forms.Form):
    """Fields for one question type only; the type was chosen on the step before."""

    text = forms.CharField(label="Question", **TEXT, error_messages={"required": "Enter the question"})
    help_text = forms.CharField(label="Hint", required=False, **TEXT)
    required = forms.BooleanField(label="Respondents must answer this question", required=False)
    prefer_not_to_say = forms.BooleanField(label="Offer “Prefer not to say”", required=False)

    def __init__(self, *args, question_type, fixed_answers=False, **kwargs):
        """``fixed_answers``: the answers cannot change here (an equality question's GSS answers)."""
        super().__init__(*args, **kwargs)
        self.question_type = question_type
        if question_type in CHOICE_TYPES and not fixed_answers:
            self.fields["options"] = forms.CharField(
                label="Answers", widget=forms.Textarea(attrs={"rows": 5}), help_text="One answer on each line.",
                error_messages={"required": "Enter at least one answer"})
        if question_type in SCALE_TYPES:
            self.fields["scale_min"] = forms.IntegerField(label="Lowest point", initial=1, min_value=0, max_value=10)
            self.fields["scale_max"] = forms.IntegerField(label="Highest point", initial=5, min_value=1, max_value=11)
            self.fields["min_label"] = forms.CharField(label="What the lowest point means", max_length=100,
                                                       required=False)
            self.fields["max_label"] = forms.CharField(label="What the highest point means", max_length=100,
                                                       required=False)
        if question_type == "number":
            self.fields["min_value"] = forms.FloatField(label="Smallest answer allowed", required=False)
            self.fields["max_value"] = forms.FloatField(label="Largest answer allowed", required=False)
        if question_type in ("text", "long_text"):
            self.fields["max_length"] = forms.IntegerField(label="Most characters allowed", required=False,
                                                           min_value=1, max_value=5000)

    def clean(self):
        cleaned = super().clean()
        if "options" in cleaned:
            cleaned["options"] = [line.strip() for line in cleaned["options"].splitlines() if line.strip()]
            if len(set(cleaned["options"])) != len(cleaned["options"]):
                self.add_error("options", "Each answer must be different")
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and not (low < high <= low + 10):
            self.add_error("scale_max", "The highest point must be above the lowest, with at most 11 points")
        return cleaned

    def builder_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {"type": self.question_type, "text": data["text"], "help_text": data["help_text"],
                     "required": data["required"], "prefer_not_to_say": data["prefer_not_to_say"],
                     "options": data.get("options")}
        if self.question_type in SCALE_TYPES:
            arguments["scale"] = (data["scale_min"], data["scale_max"], data["min_label"], data["max_label"])
        if self.question_type == "number":
            arguments["bounds"] = (data["min_value"], data["max_value"])
        if self.question_type in ("text", "long_text"):
            arguments["max_length"] = data["max_length"]
        return arguments


def question_initial(question) -> dict:
    """A question's settings as the edit form's starting values."""
    return {"text": question.text, "help_text": question.help_text, "required": question.required,
            "prefer_not_to_say": question.allow_prefer_not_to_say,
            "options": "\n".join(choice.label for choice in question.choices.all()),
            "scale_min": question.scale_min, "scale_max": question.scale_max,
            "min_label": question.scale_min_label, "max_label": question.scale_max_label,
            "min_value": question.min_value, "max_value": question.max_value, "max_length": question.max_length}


class GridItemForm(forms.Form):
    text = forms.CharField(label="Statement", **TEXT, error_messages={"required": "Enter the statement"})


class RouteForm(forms.Form):
    route = forms.ChoiceField(label="Show this page only if", error_messages={
        "required": "Select an answer", "invalid_choice": "Select an answer"})

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [("", "Select an answer")] + [
            (f"{question.code}={code}", f"the answer to “{question.text}” is “{label}”")
            for question, answers in choices for code, label in answers]
