"""Analysts' pages for one survey (/staff/analysis/<slug>/...). Thin: fetch through access, read a
GET form, call analysis modules, render. Every page needs the analyst role for the survey's
programme (engagement.access); anyone else gets 403."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from engagement import access
from engagement.models import Role
from surveys.definition import for_version
from surveys.models import Channel, Survey

from . import frames, microdata, overview, protected
from . import representativeness as rep
from .breakdown import BreakdownError, breakdown
from .exports.charts import Bar, bar_chart
from .exports.report import render_report, sections
from .exports.services import about, export_results, export_tables
from .forms import BreakdownForm, RepresentativenessForm, survey_characteristics
from .page_audit import audited_page
from .population import default_reference, population_sets
from .questions import characteristic_label, closed_question, group_order
from .weighting import WeightingError

PAGES = [
    ("analysis:survey-overview", "Overview"),
    ("analysis:survey-breakdown", "Breakdown"),
    ("analysis:survey-targets", "Targets"),
    ("analysis:survey-trend", "Trends"),
    ("analysis:survey-heatmap", "Heat map"),
    ("analysis:survey-representativeness", "Representativeness"),
    ("analysis:survey-report", "Report"),
]
DOWNLOADS = [("csv", "Download CSV"), ("xlsx", "Download XLSX"), ("html", "Download report (HTML)")]


def survey_for_analyst(user, slug: str) -> Survey:
    """The published survey, if ``user`` is an analyst for its programme; 404 or 403 otherwise."""
    survey = get_object_or_404(Survey.objects.select_related("programme", "current_version"),
                               slug=slug, current_version__isnull=False)
    access.require_role(user, Role.ANALYST, survey.programme)
    return survey


def render_analysis(request, template: str, survey: Survey, context: dict):
    return render(request, template, {"survey": survey, "analysis_pages": PAGES, **context})


def _query(request, drop=("format", "option")) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def target_lines(survey) -> dict[str, float]:
    """Question code -> the mean target drawn on its chart (e.g. EDI items at 6)."""
    return {code: t.threshold for t in frames.targets_for(survey) if t.measure == "mean"
            for code in t.question_codes}


@login_required
@audited_page
def survey_overview(request, slug):
    survey = survey_for_analyst(request.user, slug)
    by_month = overview.responses_by_month(survey)
    done = overview.completion(survey)
    chart = bar_chart([Bar(f"{row['month']:%B %Y}", row["n"]) for row in by_month],
                      title="Responses by month", axis_min=0, axis_max=max([r["n"] for r in by_month] + [1]),
                      chart_id="months") if by_month else ""
    return render_analysis(request, "analysis/survey_overview.html", survey, {
        "total": sum(r["n"] for r in by_month), "by_month": by_month, "month_chart": chart,
        "by_channel": overview.responses_by_channel(survey), "completion": done,
        "completion_pct": round(100 * done.rate) if done.rate is not None else None,
        "microdata_grant": microdata.active_grant(request.user, survey),
        "can_grant_microdata": access.user_has_role(request.user, Role.ADMINISTRATOR, survey.programme)})


@login_required
@audited_page
def survey_breakdown(request, slug):
    survey = survey_for_analyst(request.user, slug)
    form = BreakdownForm(request.GET or None, survey=survey)
    context = {"form": form, "query": _query(request), "download_formats": DOWNLOADS}
    if form.is_valid():
        try:
            table = breakdown(survey, question=form.cleaned_data["question"], by=form.by_codes,
                              filters=form.filters, user=request.user,
                              correction=form.cleaned_data.get("correction") or "holm")
        except BreakdownError as exc:
            context["problem"] = exc.errors
        else:
            section = sections([table], target_lines(survey), option=form.cleaned_data.get("option"))[0]
            context.update(section=section, disclosure_rates=[
                (label, table.disclosure.get(code, {})) for code, label in form.fields["by"].choices
                if code in table.by])
    return render_analysis(request, "analysis/survey_breakdown.html", survey, context)


@login_required
@audited_page
def survey_report(request, slug):
    """Every chosen question (every one when none is ticked) by the chosen characteristics
    (the first one until another is picked), as the printable report."""
    survey = survey_for_analyst(request.user, slug)
    data = request.GET.copy()
    if not data.get("by"):
        data["by"] = survey_characteristics(survey)[0][0]
    form = BreakdownForm(data, survey=survey, multiple_questions=True)
    tables, problem = [], None
    if form.is_valid():
        try:
            tables = export_tables(survey, questions=form.cleaned_data["question"], by=form.by_codes,
                                   filters=form.filters, user=request.user)
        except BreakdownError as exc:
            problem = exc.errors
    html = render_report(survey, tables, about(survey, tables, request.user) if tables else {},
                         standalone=False, request=request, references=target_lines(survey),
                         extra={"form": form, "problem": problem, "query": _query(request),
                                "download_formats": DOWNLOADS, "analysis_pages": PAGES})
    return HttpResponse(html)


@login_required
def survey_export(request, slug):
    """Download results as CSV, XLSX or the standalone HTML report (audit-logged)."""
    survey = survey_for_analyst(request.user, slug)
    form = BreakdownForm(request.GET, survey=survey, multiple_questions=True)
    if not form.is_valid():
        return HttpResponse("Choose a question and a characteristic to break it down by.", status=400,
                            content_type="text/plain")
    try:
        export = export_results(survey, fmt=request.GET.get("format", "csv"), questions=form.cleaned_data["question"],
                                by=form.by_codes, filters=form.filters, user=request.user)
    except BreakdownError as exc:
        return HttpResponse("; ".join(exc.errors.values()), status=400, content_type="text/plain")
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@login_required
@audited_page
def survey_representativeness(request, slug):
    """Sample vs population, channel reach, and (optionally) raking weights with diagnostics."""
    survey = survey_for_analyst(request.user, slug)
    population = population_sets()
    form = RepresentativenessForm(request.GET or _first_choice(survey, population), survey=survey,
                                  population=population)
    context = {"form": form, "population": population}
    if population and form.is_valid():
        context.update(representativeness_context(survey, form))
    return render_analysis(request, "analysis/survey_representativeness.html", survey, context)


def _first_choice(survey, population) -> dict | None:
    form = RepresentativenessForm(None, survey=survey, population=population)
    found = default_reference(survey, population, [code for code, _ in form.fields["characteristic"].choices])
    return {"reference": found[0], "characteristic": found[1]} if found else None


def representativeness_context(survey, form) -> dict:
    char, exclude = form.cleaned_data["characteristic"], form.cleaned_data["exclude"]
    labels = group_order(for_version(survey.current_version_id), char)
    comparison = rep.compare_with_population(protected.respondents(survey, [char]), form.shares,
                                             characteristic=char, reference=form.cleaned_data["reference"],
                                             exclude=exclude)
    for row in comparison.rows:
        row.label = " + ".join(labels.get(m, m) for m in row.members) if row.members else labels.get(row.group, row.group)
    bars = [Bar(r.label, _pct(r.sample_share), _pct(r.ci_low), _pct(r.ci_high),
                "suppressed: too few to report" if r.suppressed else "no respondents", _pct(r.population_share))
            for r in comparison.rows]
    chart = bar_chart(bars, title=f"Respondents by {characteristic_label(char).lower()} compared with the population",
                      axis_min=0, axis_max=max([b.high or b.value or 0 for b in bars] + [b.marker or 0 for b in bars]
                                               + [10]), unit="%", marker_label="Population share",
                      chart_id="sample-vs-population")
    reach = rep.channel_reach(survey, char)
    context = {"comparison": comparison, "labels": labels, "chart": chart, "char_label": characteristic_label(char),
               "reach": reach, "reach_rows": _reach_rows(reach), "group_choices": list(form.shares)}
    if form.cleaned_data["weight"]:
        context.update(_weighting(survey, form, char, exclude))
    return context


def _weighting(survey, form, char, exclude) -> dict:
    try:
        cells, result = rep.weights_for(survey, {char: form.shares}, exclude={char: exclude})
    except WeightingError as exc:
        return {"weighting_error": str(exc)}
    context = {"weighting": result, "weighted_profile": rep.weighted_profile(cells, char)}
    code = form.cleaned_data.get("question")
    if code:
        question = closed_question(for_version(survey.current_version_id), code)
        context["estimate"] = rep.weighted_estimate(survey, cells, question)
        context["estimate_question"] = question
    return context


def _reach_rows(reach) -> list[dict]:
    names = dict(Channel.objects.values_list("code", "name"))
    return [{"name": names.get(c, "No channel (direct link)"), "total": reach.channel_totals[c],
             "values": [{"n": reach.cells[c, g], "share": reach.share(c, g)} for g in reach.groups]}
            for c in reach.channels]


def _pct(share):
    return None if share is None else 100 * share
