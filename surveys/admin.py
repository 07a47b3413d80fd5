"""The Django admin for platform operators (engagement/admin_access.py): raw survey records, with
publish, definition export and import. Authors use the survey builder in the staff pages."""

import json

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from engagement.audit import audit_record
from engagement.models import Programme

from .definition import DefinitionError
from .models import Channel, Choice, Page, Question, Survey, SurveyVersion
from .publishing import survey_definition_from_draft, survey_import_definition, survey_publish


class PageInline(admin.StackedInline):  # stacked: every field has its own label
    model = Page
    extra = 0
    fields = ["position", "key", "title", "condition"]
    show_change_link = True


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True
    fields = [("position", "code", "type"), "text", "help_text", ("required", "allow_prefer_not_to_say",
              "allow_dont_know"), "characteristic", "condition"]


class ChoiceInline(admin.StackedInline):
    model = Choice
    extra = 0


class DefinitionUploadForm(forms.Form):
    programme = forms.ModelChoiceField(Programme.objects.all())
    file = forms.FileField(help_text="A survey definition exported as JSON.")


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "programme", "status", "current_version"]
    list_filter = ["programme", "status"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PageInline]
    actions = ["publish", "export_definition"]
    readonly_fields = ["current_version"]

    @admin.action(description="Publish the draft as a new version")
    def publish(self, request, queryset):
        for survey in queryset:
            try:
                version = survey_publish(survey=survey, user=request.user)
            except DefinitionError as exc:
                self.message_user(request, f"{survey}: not published: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"{survey}: published version {version.number}", messages.SUCCESS)

    @admin.action(description="Export the draft definition as JSON")
    def export_definition(self, request, queryset):
        data = [survey_definition_from_draft(s) for s in queryset]
        body = json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False)
        for survey in queryset:
            audit_record(actor=request.user, action="survey.export_definition", target=survey.slug)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="survey-definition.json"'
        return response

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="surveys_survey_import"),
                *super().get_urls()]

    def import_view(self, request):
        form = DefinitionUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                data = json.loads(form.cleaned_data["file"].read().decode("utf-8-sig"))
                survey = survey_import_definition(data=data, programme=form.cleaned_data["programme"],
                                                  user=request.user)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                form.add_error("file", f"The file is not valid JSON: {exc}")
            except DefinitionError as exc:
                for problem in exc.problems:
                    form.add_error("file", problem)
            else:
                self.message_user(request, f"Imported {survey}. Publish it to open it.", messages.SUCCESS)
                return redirect(reverse("admin:surveys_survey_change", args=[survey.pk]))
        context = {**self.admin_site.each_context(request), "form": form, "title": "Import a survey definition"}
        return render(request, "admin/surveys/import.html", context)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["survey", "position", "key", "title"]
    list_filter = ["survey"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "type", "text", "page"]
    list_filter = ["page__survey", "type"]
    search_fields = ["code", "text"]
    inlines = [ChoiceInline]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(admin.ModelAdmin):
    list_display = ["survey", "number", "published_at", "published_by"]
    readonly_fields = ["survey", "number", "definition", "published_at", "published_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "programme", "active"]
    list_filter = ["kind", "programme", "active"]
    search_fields = ["name", "code"]
