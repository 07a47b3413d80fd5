"""Analysts' theme pages (/staff/analysis/themes/...): surveys, discovery, codebooks.

Thin: fetch through ``engagement.access``, parse a form, call one service or job starter,
then render or redirect. Every action is a plain form POST, so all of it works without
JavaScript. Review, answers, counts and exports are in ``review_views``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagement import access
from engagement.models import Role
from surveys.models import Survey

from ..page_audit import audited_page
from . import jobs, services
from .answers import text_questions
from .forms import CodebookForm, DiscoveryForm, MergeForm, SplitForm, ThemeForm
from .models import APPLIES, Codebook, DiscoveredTheme, DiscoveryRun, TextAnswer, Theme
from .selectors import codebooks_for, queue_size, surveys_for


def survey_for(user, slug: str) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("programme", "current_version"), slug=slug,
                               current_version__isnull=False)
    access.require_role(user, Role.ANALYST, survey.programme)
    return survey


def codebook_for(user, pk: int) -> Codebook:
    codebook = get_object_or_404(Codebook.objects.select_related("survey__programme", "survey__current_version"),
                                 pk=pk)
    access.require_role(user, Role.ANALYST, codebook.survey.programme)
    return codebook


def run_for(user, pk: int) -> DiscoveryRun:
    run = get_object_or_404(DiscoveryRun.objects.select_related("survey__programme", "job"), pk=pk)
    access.require_role(user, Role.ANALYST, run.survey.programme)
    return run


def _problems(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _to_job(job):
    return redirect("job-detail", job_id=job.pk)


@login_required
def index(request):
    surveys = [(survey, text_questions(survey)) for survey in surveys_for(request.user)]
    return render(request, "themes/index.html", {
        "surveys": [(s, qs) for s, qs in surveys if qs], "codebooks": codebooks_for(request.user)})


@login_required
@audited_page
def survey_themes(request, slug):
    survey = survey_for(request.user, slug)
    counts = dict(TextAnswer.objects.filter(survey=survey).values_list("question_code")
                  .annotate(n=Count("pk")).values_list("question_code", "n"))
    questions = [{"question": q, "cached": counts.get(q["code"], 0),
                  "codebooks": codebooks_for(request.user, survey).filter(question_code=q["code"]),
                  "runs": DiscoveryRun.objects.filter(survey=survey, question_code=q["code"])[:5],
                  "discovery_form": DiscoveryForm(initial={"question_code": q["code"]}),
                  "codebook_form": CodebookForm(initial={"question_code": q["code"]}, auto_id=f"id_{q['code']}_%s")}
                 for q in text_questions(survey)]
    return render(request, "themes/survey.html", {"survey": survey, "questions": questions})


@login_required
@require_POST
def codebook_create(request, slug):
    survey = survey_for(request.user, slug)
    form = CodebookForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a name for the codebook")
        return redirect("analysis:themes:survey", slug=slug)
    try:
        codebook = services.codebook_create(survey=survey, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        _problems(request, error)
        return redirect("analysis:themes:survey", slug=slug)
    return redirect("analysis:themes:codebook", pk=codebook.pk)


@login_required
@require_POST
def discovery_start(request, slug):
    survey = survey_for(request.user, slug)
    form = DiscoveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The number of themes must be between 2 and 30, or empty")
        return redirect("analysis:themes:survey", slug=slug)
    try:
        job = jobs.discovery_start(survey=survey, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        _problems(request, error)
        return redirect("analysis:themes:survey", slug=slug)
    return _to_job(job)


@login_required
def discovery_detail(request, pk):
    run = run_for(request.user, pk)
    themes = list(run.themes.select_related("merged_into").defer("member_ids", "merged_into__member_ids"))
    examples = dict(TextAnswer.objects.filter(pk__in={i for t in themes for i in t.example_ids})
                    .values_list("pk", "text"))
    kept = [t for t in themes if t.status == DiscoveredTheme.Status.KEPT]
    for theme in themes:
        theme.examples = [examples[i] for i in theme.example_ids if i in examples]
    return render(request, "themes/discovery.html", {
        "run": run, "survey": run.survey, "kept": kept, "others": [t for t in themes if t not in kept],
        "running": jobs.active_job(jobs.DISCOVER, run=run.pk), "default_name": f"{run.question_code} themes"})


@login_required
@require_POST
def discovered_action(request, pk, theme_pk):
    run = run_for(request.user, pk)
    theme = get_object_or_404(DiscoveredTheme, pk=theme_pk, run=run)
    action = request.POST.get("action")
    try:
        if action == "rename":
            services.discovered_rename(theme=theme, name=request.POST.get("name", ""))
        elif action in ("drop", "keep"):
            services.discovered_set_status(theme=theme, keep=action == "keep")
        elif action == "split":
            form = SplitForm(request.POST)
            parts = form.cleaned_data["parts"] if form.is_valid() else None
            return _to_job(jobs.split_start(theme=theme, n_themes=parts, user=request.user))
        else:
            messages.error(request, "Unknown action")
    except ValidationError as error:
        _problems(request, error)
    return redirect("analysis:themes:discovery", pk=run.pk)


@login_required
@require_POST
def discovered_merge(request, pk):
    run = run_for(request.user, pk)
    kept = run.themes.filter(status=DiscoveredTheme.Status.KEPT)
    form = MergeForm(request.POST, theme_choices=[(t.pk, t.name) for t in kept])
    if not form.is_valid():
        messages.error(request, "Tick at least two themes to merge")
        return redirect("analysis:themes:discovery", pk=run.pk)
    chosen = list(kept.filter(pk__in=form.cleaned_data["themes"]))
    try:
        services.discovered_merge(themes=chosen, name=form.cleaned_data["name"])
    except ValidationError as error:
        _problems(request, error)
    return redirect("analysis:themes:discovery", pk=run.pk)


@login_required
@require_POST
def codebook_from_run(request, pk):
    run = run_for(request.user, pk)
    try:
        codebook = services.codebook_from_discovery(run=run, name=request.POST.get("name", ""), user=request.user)
    except ValidationError as error:
        _problems(request, error)
        return redirect("analysis:themes:discovery", pk=run.pk)
    messages.success(request, "Codebook created. Review the themes, then tag every answer.")
    return redirect("analysis:themes:codebook", pk=codebook.pk)


@login_required
@audited_page
def codebook_detail(request, pk):
    codebook = codebook_for(request.user, pk)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_save(codebook=codebook, **form.cleaned_data)
            messages.success(request, f"Theme ‘{form.cleaned_data['name']}’ added")
            return redirect("analysis:themes:codebook", pk=codebook.pk)
        except ValidationError as error:
            form.add_error(None, error)
    # "coded": accepted or added on answers people finished coding (the tagger's examples).
    themes = codebook.themes.annotate(
        tagged=Count("tags", filter=Q(tags__source__in=APPLIES), distinct=True),
        coded=Count("tags", filter=Q(tags__source__in=APPLIES[1:], tags__answer__codings__codebook=F("codebook")),
                    distinct=True))
    return render(request, "themes/codebook.html", {
        "codebook": codebook, "survey": codebook.survey, "themes": themes, "form": form,
        "model": codebook.models.first(), "job": jobs.active_job(jobs.TAG, codebook=codebook.pk),
        "to_review": queue_size(codebook), "coded": codebook.codings.count()})


@login_required
def theme_edit(request, pk, theme_pk):
    codebook = codebook_for(request.user, pk)
    theme = get_object_or_404(Theme, pk=theme_pk, codebook=codebook)
    initial = {"name": theme.name, "description": theme.description, "keywords": "; ".join(theme.keywords)}
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_save(codebook=codebook, theme=theme, **form.cleaned_data)
            messages.success(request, "Theme saved. Tag the answers again to use the change.")
            return redirect("analysis:themes:codebook", pk=codebook.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "themes/theme_form.html", {"codebook": codebook, "survey": codebook.survey,
                                                      "theme": theme, "form": form})


@login_required
def theme_delete(request, pk, theme_pk):
    codebook = codebook_for(request.user, pk)
    theme = get_object_or_404(Theme, pk=theme_pk, codebook=codebook)
    if request.method == "POST":
        services.theme_delete(theme=theme)
        messages.success(request, f"Theme ‘{theme.name}’ deleted")
        return redirect("analysis:themes:codebook", pk=codebook.pk)
    return render(request, "themes/theme_delete.html", {"codebook": codebook, "survey": codebook.survey,
                                                        "theme": theme, "tags": theme.tags.count()})


@login_required
@require_POST
def tagging_start(request, pk):
    codebook = codebook_for(request.user, pk)
    try:
        job = jobs.tagging_start(codebook=codebook, user=request.user)
    except ValidationError as error:
        _problems(request, error)
        return redirect("analysis:themes:codebook", pk=codebook.pk)
    return _to_job(job)
