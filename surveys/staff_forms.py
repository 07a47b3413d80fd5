"""Forms for the surveys staff area (channels, XLSForm, translations, response imports)."""

from django import forms
from django.core.exceptions import ValidationError

from engagement import access
from engagement.models import Programme, Role

from .channels import CODE
from .models import Channel
from .tabular import MAX_BYTES
from .translations import translation_languages

SHARED = "Shared by every programme"
FILE_ERRORS = {"required": "Select a file", "empty": "The selected file is empty"}


def submitted(request, *, files: bool = True) -> tuple:
    """Form data for a bound form on POST (even an empty one, so it reports what is missing)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _check_size(upload):
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The selected file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
    return upload


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["code", "name", "kind", "programme", "active"]
        help_texts = {
            "code": "Goes in the survey link (?c=code) and on printed QR codes, so it cannot change later. "
                    "Lower-case letters, digits, - or _.",
            "name": "For example, Knowsley Carers Centre",
            "active": "Untick to stop recording this channel for new respondents.",
        }
        error_messages = {"code": {"unique": "A channel with this code already exists; choose another code",
                                   "required": "Enter a code"},
                          "name": {"required": "Enter the channel's name"}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["programme"].queryset = access.programmes_for(user, Role.AUTHOR)
        self.fields["programme"].empty_label = SHARED
        self.fields["programme"].required = False
        if self.instance.pk:
            self.fields["code"].disabled = True
        else:
            del self.fields["active"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip().lower()
        if not self.instance.pk and not CODE.match(code):
            raise ValidationError("Code must use lower-case letters, digits, - or _ and start with a letter or digit")
        return code

    def clean_programme(self):
        programme = self.cleaned_data.get("programme")
        if not access.can_edit_surveys(self.user, programme):
            raise ValidationError("Choose a programme you are an author for")
        return programme


class ChannelSearchForm(forms.Form):
    q = forms.CharField(label="Search by name or code", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *Channel.Kind.choices])


class ProgrammeChoiceMixin:
    def limit_programmes(self, user, *, required: bool):
        field = self.fields["programme"]
        field.queryset = access.programmes_for(user, Role.AUTHOR)
        field.required = required
        if not required:
            field.empty_label = SHARED


class ChannelImportForm(ProgrammeChoiceMixin, forms.Form):
    file = forms.FileField(error_messages=FILE_ERRORS, label="Upload a channel list", validators=[_check_size],
                           help_text="A CSV (UTF-8) or .xlsx file with the columns code, name and kind.")
    programme = forms.ModelChoiceField(Programme.objects.none(), label="Programme for new channels")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_programmes(user, required=False)


class XLSFormImportForm(ProgrammeChoiceMixin, forms.Form):
    file = forms.FileField(error_messages=FILE_ERRORS, label="Upload an XLSForm", validators=[_check_size],
                           help_text="An .xlsx file with survey, choices and settings sheets (ODK, KoboToolbox).")
    programme = forms.ModelChoiceField(Programme.objects.none(), label="Programme")
    slug = forms.SlugField(label="Web address name (optional)", required=False,
                           help_text="Leave empty to use the form_id from the settings sheet.")
    publish = forms.BooleanField(label="Publish straight away", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_programmes(user, required=True)


class TranslationUploadForm(forms.Form):
    language = forms.ChoiceField(label="Language")
    file = forms.FileField(error_messages=FILE_ERRORS, label="Upload translations", validators=[_check_size],
                           help_text="CSV or .xlsx with the columns key and translation (download a sheet "
                                     "below to start), or JSON mapping keys to text.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "Choose a language"), *translation_languages().items()]


class ResponseImportForm(forms.Form):
    file = forms.FileField(error_messages=FILE_ERRORS, label="Upload responses", validators=[_check_size],
                           help_text="CSV (UTF-8) or .xlsx: one row per response, one column per question code.")
