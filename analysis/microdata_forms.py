"""The form administrators grant a survey's microdata with (analysis/microdata_views.py)."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from engagement import access
from engagement.models import Role

MAX_DAYS = 366  # a grant is for one piece of analysis, not for ever


class GrantForm(forms.Form):
    email = forms.EmailField(label="Email address of the analyst",
                             help_text="They must already be an analyst of this survey's programme.")
    expires_on = forms.DateField(label="Last day they may download it", help_text="For example, 2027-03-31",
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not access.user_has_role(user, Role.ANALYST, self.survey.programme):
            raise forms.ValidationError(f"Enter the email address of an analyst of {self.survey.programme.name}")
        self.cleaned_data["user"] = user
        return email

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError("The last day must be today or later")
        if day > today + datetime.timedelta(days=MAX_DAYS):
            raise forms.ValidationError("A grant can last at most a year")
        return day
