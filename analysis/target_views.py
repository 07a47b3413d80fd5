"""Administrators' pages for a programme's targets, reached from a survey's targets board.

Every view asks ``engagement.access`` for the administrator role for the survey's programme;
forms post and redirect, so everything works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from engagement import access
from engagement.models import Role

from .models import Target
from .target_forms import TargetForm
from .target_services import target_retire, target_save
from .views import render_analysis, survey_for_analyst


def _survey_for_administrator(user, slug):
    survey = survey_for_analyst(user, slug)
    access.require_role(user, Role.ADMINISTRATOR, survey.programme)
    return survey


def _target(survey, pk) -> Target:
    return get_object_or_404(Target, pk=pk, programme=survey.programme, retired_on__isnull=True)


@login_required
def target_list(request, slug):
    survey = _survey_for_administrator(request.user, slug)
    targets = Target.objects.filter(programme=survey.programme).order_by("retired_on", "name", "pk")
    return render_analysis(request, "analysis/target_list.html", survey, {"targets": targets})


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request, slug):
    survey = _survey_for_administrator(request.user, slug)
    return _edit(request, survey, Target(programme=survey.programme))


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, slug, pk):
    survey = _survey_for_administrator(request.user, slug)
    return _edit(request, survey, _target(survey, pk))


def _edit(request, survey, target):
    form = TargetForm(request.POST if request.method == "POST" else None, instance=target, survey=survey)
    if request.method == "POST" and form.is_valid():
        saved = target_save(target=form.save(commit=False), user=request.user)
        messages.success(request, f"Target ‘{saved.name}’ saved")
        return redirect("analysis:target-list", slug=survey.slug)
    return render_analysis(request, "analysis/target_form.html", survey, {"form": form, "target": target})


@login_required
@require_http_methods(["GET", "POST"])
def target_retire_view(request, slug, pk):
    survey = _survey_for_administrator(request.user, slug)
    target = _target(survey, pk)
    if request.method == "POST":
        target_retire(target=target, user=request.user)
        messages.success(request, f"Target ‘{target.name}’ retired")
        return redirect("analysis:target-list", slug=survey.slug)
    return render_analysis(request, "analysis/target_retire.html", survey, {"target": target})
