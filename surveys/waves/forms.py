from django import forms

from ..models import Survey
from .models import Wave


class WaveForm(forms.ModelForm):
    class Meta:
        model = Wave
        fields = ["survey", "name", "opens_on", "closes_on"]
        widgets = {"opens_on": forms.DateInput(attrs={"type": "date"}),
                   "closes_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.filter(programme__in=programmes)

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be the same as or after the opening date")
        return cleaned


class StaffImportForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Select a CSV file of staff email addresses"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload
