"""Forms of the theme pages. Each one only parses input; services validate and write."""

from django import forms

from .review import ACTIONS


class CodebookForm(forms.Form):
    question_code = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(max_length=200, label="Codebook name")


class DiscoveryForm(forms.Form):
    question_code = forms.CharField(widget=forms.HiddenInput)
    n_themes = forms.IntegerField(required=False, min_value=2, max_value=30, label="Number of themes",
                                  help_text="Leave empty to let the tool choose (4 to 15).")


class ThemeForm(forms.Form):
    name = forms.CharField(max_length=120)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What answers with this theme talk about. The tagger reads it.")
    keywords = forms.CharField(required=False, label="Keywords (optional)",
                               help_text="Words or short phrases, separated by semicolons. Each one found "
                                         "in an answer is strong evidence for the theme.")


class SplitForm(forms.Form):
    parts = forms.IntegerField(required=False, min_value=2, max_value=10, label="Parts")


class MergeForm(forms.Form):
    themes = forms.TypedMultipleChoiceField(coerce=int, choices=(), label="Themes to merge")
    name = forms.CharField(max_length=120, required=False, label="Name of the merged theme")

    def __init__(self, *args, theme_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = theme_choices


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    theme = forms.IntegerField(required=False)
    next = forms.IntegerField(required=False)
