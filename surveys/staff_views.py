"""Staff pages for surveys: XLSForm upload and download, translations, response imports.

Authors work on their programmes' surveys; analysts may also import responses. Every check
goes through ``engagement.access``. Pages post and redirect, so they work without JavaScript.
"""

import csv
import io
import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from engagement import access
from engagement.models import AuditEvent, Role

from . import translations as tr
from .definition import DefinitionError, for_version
from .imports import ImportErrors, responses_import
from .models import Survey
from .staff_forms import ResponseImportForm, TranslationUploadForm, XLSFormImportForm, submitted
from .xlsform import SkippedParts, XLSFormError, survey_export_xlsform, survey_import_xlsform

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHOWN_PROBLEMS = 200
PENDING, PENDING_SECONDS = "xlsform-pending:", 30 * 60  # an upload waiting for the author's confirmation


def _survey(request, slug, *roles) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("programme", "current_version"), slug=slug)
    if not any(access.user_has_role(request.user, role, survey.programme) for role in roles):
        raise PermissionDenied("You do not have a role for this survey's programme.")
    return survey


@login_required
def survey_index(request):
    authoring = access.programmes_for(request.user, Role.AUTHOR)
    analysing = access.programmes_for(request.user, Role.ANALYST)
    if not authoring.exists() and not analysing.exists():
        raise PermissionDenied("The surveys area needs the author or analyst role.")
    surveys = Survey.objects.filter(Q(programme__in=authoring) | Q(programme__in=analysing)).distinct() \
        .select_related("programme", "current_version", "variant_of").order_by("programme__name", "title")
    authored = set(authoring.values_list("pk", flat=True))
    rows = [(survey, survey.programme_id in authored) for survey in surveys]
    return render(request, "surveys_staff/index.html", {"rows": rows, "can_author": bool(authored)})


@login_required
@require_http_methods(["GET", "POST"])
def xlsform_import(request):
    """Upload, then (when parts of the form cannot be kept) a confirm step listing them."""
    if request.method == "POST" and "pending" in request.POST:
        return _xlsform_confirm(request)
    form = XLSFormImportForm(*submitted(request), user=request.user)
    if not form.fields["programme"].queryset.exists():
        raise PermissionDenied("Importing surveys needs the author role.")
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = {"raw": data["file"].read(), "programme": data["programme"].pk, "slug": data["slug"] or None,
                  "publish": data["publish"], "user": request.user.pk}
        try:
            survey, _ = survey_import_xlsform(raw=upload["raw"], programme=data["programme"], user=request.user,
                                              slug=upload["slug"], publish=upload["publish"])
        except SkippedParts as exc:
            pending = secrets.token_urlsafe(16)
            cache.set(f"{PENDING}{pending}", upload, PENDING_SECONDS)
            return render(request, "surveys_staff/xlsform_confirm.html",
                          {"pending": pending, "result": exc.result, "filename": data["file"].name})
        except XLSFormError as exc:
            problems = exc.problems[:MAX_SHOWN_PROBLEMS]
        else:
            return redirect("surveys_staff:xlsform-report", slug=survey.slug)
    return render(request, "surveys_staff/xlsform_import.html", {"form": form, "problems": problems})


def _xlsform_confirm(request):
    """The author agreed to leave out what cannot be kept: import the upload held since step one."""
    key = f"{PENDING}{request.POST['pending']}"
    upload = cache.get(key)
    programmes = access.programmes_for(request.user, Role.AUTHOR)
    if upload is None or upload["user"] != request.user.pk:
        form = XLSFormImportForm(user=request.user)
        return render(request, "surveys_staff/xlsform_import.html", {"form": form, "problems": [
            "The upload has expired (after 30 minutes) or was already imported; choose the file again"]})
    programme = get_object_or_404(programmes, pk=upload["programme"])
    try:
        survey, _ = survey_import_xlsform(raw=upload["raw"], programme=programme, user=request.user,
                                          slug=upload["slug"], publish=upload["publish"], skip_unsupported=True)
    except XLSFormError as exc:
        form = XLSFormImportForm(user=request.user)
        return render(request, "surveys_staff/xlsform_import.html",
                      {"form": form, "problems": exc.problems[:MAX_SHOWN_PROBLEMS]})
    cache.delete(key)
    return redirect("surveys_staff:xlsform-report", slug=survey.slug)


@login_required
def xlsform_report(request, slug):
    """What the last XLSForm import of this survey kept, skipped and changed (from the audit log)."""
    survey = _survey(request, slug, Role.AUTHOR)
    event = AuditEvent.objects.filter(action="survey.import_xlsform", target=survey.slug, actor=request.user).first()
    if event is None:
        raise Http404("No XLSForm import of this survey by you")
    return render(request, "surveys_staff/xlsform_report.html",
                  {"survey": survey, "skipped": event.detail.get("skipped", []),
                   "notes": event.detail.get("notes", []), "warnings": event.detail.get("warnings", []),
                   "languages": event.detail.get("languages", []), "published": event.detail.get("published")})


@login_required
def xlsform_export(request, slug):
    survey = _survey(request, slug, Role.AUTHOR)
    response = HttpResponse(survey_export_xlsform(survey=survey, user=request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-xlsform.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def translation_list(request, slug):
    survey = _survey(request, slug, Role.AUTHOR)
    form = TranslationUploadForm(*submitted(request))
    problems = []
    if request.method == "POST" and form.is_valid():
        upload, language = form.cleaned_data["file"], form.cleaned_data["language"]
        try:
            count = tr.survey_translation_set(survey=survey, language=language, user=request.user,
                                              table=tr.table_from_file(upload, upload.name))
        except DefinitionError as exc:
            problems = exc.problems[:MAX_SHOWN_PROBLEMS]
        else:
            messages.success(request, f"{count} texts translated into {tr.translation_languages()[language]}. "
                                      "Publish the survey to show them to respondents.")
            return redirect("surveys_staff:translation-list", slug=survey.slug)
    total = len(tr.translatable_texts(tr.draft_definition(survey)))
    languages = [(code, name, len(survey.translations.get(code, {})))
                 for code, name in tr.translation_languages().items()]
    return render(request, "surveys_staff/translations.html",
                  {"survey": survey, "form": form, "problems": problems, "languages": languages, "total": total})


@login_required
def translation_download(request, slug, language):
    survey = _survey(request, slug, Role.AUTHOR)
    if language not in tr.translation_languages():
        raise Http404("No such language")
    if request.GET.get("format") == "json":
        body = json.dumps({"language": language, "translations": survey.translations.get(language, {})},
                          ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}.{language}.json"'
        return response
    buffer = io.StringIO()
    csv.writer(buffer).writerows(tr.translation_rows(survey, language))
    # A byte order mark so Excel opens the UTF-8 text (Welsh, Arabic...) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}.{language}.csv"'
    return response


@login_required
@require_POST
def translation_delete(request, slug, language):
    survey = _survey(request, slug, Role.AUTHOR)
    tr.survey_translation_delete(survey=survey, language=language, user=request.user)
    messages.success(request, "Translation removed from the draft. Publish the survey to apply it.")
    return redirect("surveys_staff:translation-list", slug=survey.slug)


@login_required
@require_http_methods(["GET", "POST"])
def response_import(request, slug):
    survey = _survey(request, slug, Role.AUTHOR, Role.ANALYST)
    form = ResponseImportForm(*submitted(request))
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = responses_import(survey=survey, uploaded=upload, filename=upload.name, user=request.user)
        except ImportErrors as exc:
            problems = [f"Row {row}: {message}" if row else message for row, message in exc.problems]
        else:
            skipped = f" ({result.already_imported} were already imported)" if result.already_imported else ""
            messages.success(request, f"{result.created} responses imported{skipped}")
            return redirect("surveys_staff:response-import", slug=survey.slug)
    codes = list(for_version(survey.current_version_id).value_codes) if survey.current_version_id else []
    return render(request, "surveys_staff/response_import.html",
                  {"survey": survey, "form": form, "problems": problems[:MAX_SHOWN_PROBLEMS],
                   "more_problems": max(0, len(problems) - MAX_SHOWN_PROBLEMS), "codes": codes})
