"""The survey builder's pages (surveys/builder.py does the work). Every page posts and
redirects, so the builder works without JavaScript; authors of the survey's programme only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from engagement.models import Role

from . import builder
from .builder_forms import (
    GridItemForm,
    PageForm,
    QuestionForm,
    QuestionTypeForm,
    RouteForm,
    SurveyCreateForm,
    question_initial,
)
from .definition import Definition, DefinitionError
from .journey import text_direction
from .models import Page, Question, QuestionType
from .publishing import survey_definition_from_draft, survey_publish
from .staff_views import _survey
from .views import DATE_PARTS

ACTIONS = {"up", "down", "remove"}


def _page(request, slug, pk) -> Page:
    survey = _survey(request, slug, Role.AUTHOR)
    return get_object_or_404(Page.objects.select_related("survey__programme"), pk=pk, survey=survey)


def _question(request, slug, pk) -> Question:
    survey = _survey(request, slug, Role.AUTHOR)
    return get_object_or_404(Question.objects.select_related("page__survey__programme"), pk=pk, page__survey=survey)


def _render(request, template, context, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request):
    form = SurveyCreateForm(request.POST or None, user=request.user)
    if not form.fields["programme"].queryset.exists():
        raise PermissionDenied("Building surveys needs the author role.")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = builder.survey_create(actor=request.user, programme=data["programme"], title=data["title"],
                                           slug=data["slug"], description=data["description"], bank=data["bank"])
        except builder.BuilderError as exc:
            form.add_error("slug", str(exc))
        else:
            return redirect("surveys_staff:build", slug=survey.slug)
    return _render(request, "surveys_staff/build_new.html", {"bank": builder.BANK}, form)


@login_required
@require_http_methods(["GET", "POST"])
def survey_build(request, slug):
    survey = _survey(request, slug, Role.AUTHOR)
    form = PageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        builder.page_add(actor=request.user, survey=survey, title=form.cleaned_data["title"])
        return redirect("surveys_staff:build", slug=survey.slug)
    pages = list(survey.pages.prefetch_related("questions__choices"))
    questions = Definition(survey_definition_from_draft(survey)).question_by_code
    for page in pages:
        page.route = builder.describe_condition(page.condition, questions)
    return _render(request, "surveys_staff/build.html", {"survey": survey, "pages": pages}, form)


@login_required
@require_POST
def page_action(request, slug, pk, action):
    page = _page(request, slug, pk)
    if action not in ACTIONS:
        raise Http404("No such action")
    if action == "remove":
        builder.remove(actor=request.user, obj=page)
    else:
        builder.move(actor=request.user, obj=page, direction=action)
    return redirect("surveys_staff:build", slug=slug)


@login_required
@require_POST
def question_action(request, slug, pk, action):
    question = _question(request, slug, pk)
    if action not in ACTIONS:
        raise Http404("No such action")
    if action == "remove":
        builder.remove(actor=request.user, obj=question)
    else:
        builder.move(actor=request.user, obj=question, direction=action)
    return redirect("surveys_staff:build", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, slug, pk):
    """Two steps: choose the kind of question, then fill in only that kind's settings."""
    page = _page(request, slug, pk)
    chosen = request.GET.get("type") or request.POST.get("type")
    context = {"survey": page.survey, "page": page}
    if chosen not in QuestionType.values:
        form = QuestionTypeForm(request.GET if "type" in request.GET else None)
        form.is_valid()
        return _render(request, "surveys_staff/build_question_type.html", context, form)
    form = QuestionForm(request.POST or None, question_type=chosen)
    if request.method == "POST" and form.is_valid():
        question = builder.question_add(actor=request.user, page=page, **form.builder_arguments())
        if question.type == "grid":
            return redirect("surveys_staff:build-grid", slug=slug, pk=question.pk)
        return redirect("surveys_staff:build", slug=slug)
    return _render(request, "surveys_staff/build_question.html",
                   {**context, "type": chosen, "type_label": QuestionType(chosen).label}, form)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk):
    """The question's own settings only, as when it was added; its type and code stay."""
    question = _question(request, slug, pk)
    fixed = builder.has_fixed_answers(question)
    form = QuestionForm(request.POST or None, question_type=question.type, fixed_answers=fixed,
                        initial=question_initial(question))
    if request.method == "POST" and form.is_valid():
        arguments = form.builder_arguments()
        del arguments["type"]
        builder.question_edit(actor=request.user, question=question, **arguments)
        messages.success(request, "Question saved")
        return redirect("surveys_staff:build", slug=slug)
    context = {"survey": question.page.survey, "page": question.page, "question": question, "fixed_answers": fixed,
               "type": question.type, "type_label": question.get_type_display()}
    return _render(request, "surveys_staff/build_question.html", context, form)


@login_required
@require_http_methods(["GET", "POST"])
def page_rename(request, slug, pk):
    page = _page(request, slug, pk)
    form = PageForm(request.POST or None, initial={"title": page.title})
    if request.method == "POST" and form.is_valid():
        builder.page_rename(actor=request.user, page=page, title=form.cleaned_data["title"])
        return redirect("surveys_staff:build", slug=slug)
    return _render(request, "surveys_staff/build_page.html", {"survey": page.survey, "page": page}, form)


@login_required
@require_http_methods(["GET", "POST"])
def grid_item_edit(request, slug, pk, item):
    """Reword a statement, or remove it, keeping the codes of the others."""
    question = _question(request, slug, pk)
    statement = next((i for i in question.items if i["code"] == item), None) if question.type == "grid" else None
    if statement is None:
        raise Http404("No such statement")
    if request.method == "POST" and request.POST.get("remove"):
        builder.grid_item_remove(actor=request.user, question=question, code=item)
        messages.success(request, "Statement removed")
        return redirect("surveys_staff:build-grid", slug=slug, pk=question.pk)
    form = GridItemForm(request.POST or None, initial={"text": statement["text"]})
    if request.method == "POST" and form.is_valid():
        builder.grid_item_edit(actor=request.user, question=question, code=item, text=form.cleaned_data["text"])
        messages.success(request, "Statement saved")
        return redirect("surveys_staff:build-grid", slug=slug, pk=question.pk)
    return _render(request, "surveys_staff/build_grid_item.html",
                   {"survey": question.page.survey, "question": question, "statement": statement}, form)


@login_required
def survey_preview(request, slug):
    """The draft as a respondent would see it, every page in turn, in a chosen language; the
    Easy Read variant (if any) has its own preview. Nothing here can be submitted."""
    survey = _survey(request, slug, Role.AUTHOR)
    shown = builder.preview(survey, request.GET.get("lang", "en"))
    context = {**shown, "survey": survey, "direction": text_direction(shown["language"]), "date_parts": DATE_PARTS,
               "values": {}, "errors": {}, "variants": survey.variants.order_by("slug"), "standard": survey.variant_of}
    return render(request, "surveys_staff/build_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def grid_items(request, slug, pk):
    question = _question(request, slug, pk)
    if question.type != "grid":
        raise Http404("Only grids have items")
    form = GridItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        builder.grid_item_add(actor=request.user, question=question, text=form.cleaned_data["text"])
        messages.success(request, "Statement added")
        return redirect("surveys_staff:build-grid", slug=slug, pk=question.pk)
    return _render(request, "surveys_staff/build_grid.html", {"survey": question.page.survey, "question": question},
                   form)


@login_required
@require_http_methods(["GET", "POST"])
def page_route(request, slug, pk):
    page = _page(request, slug, pk)
    choices = builder.route_choices(page)
    form = RouteForm(request.POST or None, choices=choices)
    if request.method == "POST" and request.POST.get("clear"):
        builder.route_clear(actor=request.user, page=page)
        return redirect("surveys_staff:build", slug=slug)
    if request.method == "POST" and form.is_valid():
        question_code, answer_code = form.cleaned_data["route"].split("=", 1)
        try:
            builder.route_set(actor=request.user, page=page, question_code=question_code, answer_code=answer_code)
        except builder.BuilderError as exc:
            form.add_error("route", str(exc))
        else:
            return redirect("surveys_staff:build", slug=slug)
    return _render(request, "surveys_staff/build_route.html", {"survey": page.survey, "page": page,
                                                               "has_choices": bool(choices)}, form)


@login_required
@require_http_methods(["GET", "POST"])
def survey_publish_confirm(request, slug):
    survey = _survey(request, slug, Role.AUTHOR)
    changes, breaking = builder.changes_since_published(survey)
    problems = []
    if request.method == "POST":
        try:
            version = survey_publish(survey=survey, user=request.user)
        except DefinitionError as exc:
            problems = exc.problems
        else:
            messages.success(request, f"Published version {version.number}. The survey is open.")
            return redirect("surveys_staff:build", slug=slug)
    context = {"survey": survey, "changes": changes, "breaking": breaking, "problems": problems}
    return render(request, "surveys_staff/build_publish.html", context, status=400 if problems else 200)
