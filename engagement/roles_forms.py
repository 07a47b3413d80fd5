from django import forms

from .models import Role
from .roles import managed_programmes, manages_everything

EVERY_PROGRAMME = "all"


class RoleForm(forms.Form):
    """A role and the programme it is for: only the actor's own programmes are offered, and
    "Every programme" only to an administrator of every programme."""

    role = forms.ChoiceField(choices=Role.choices, error_messages={"required": "Select a role",
                                                                   "invalid_choice": "Select a role"})
    programme = forms.ChoiceField(error_messages={"required": "Select a programme",
                                                  "invalid_choice": "Select one of your programmes"})

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self._programmes = {str(p.pk): p for p in managed_programmes(actor)}
        choices = [("", "Select a programme")] + [(pk, p.name) for pk, p in self._programmes.items()]
        if manages_everything(actor):
            choices.insert(1, (EVERY_PROGRAMME, "Every programme"))
        self.fields["programme"].choices = choices
        self.fields["role"].choices = [("", "Select a role"), *Role.choices]

    def clean_programme(self):
        value = self.cleaned_data["programme"]
        return None if value == EVERY_PROGRAMME else self._programmes[value]


class PersonAddForm(RoleForm):
    email = forms.EmailField(label="Work email address", max_length=254, error_messages={
        "required": "Enter their work email address",
        "invalid": "Enter an email address in the correct format, like name@example.org"})
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    field_order = ["email", "first_name", "last_name", "role", "programme"]
