"""The targets board, trend and heat map pages of one survey (/staff/analysis/<slug>/...).

Thin, like analysis/views.py: every figure comes from target_board, trends.trend and
heatmap.heat_map, themselves made of breakdowns, so the disclosure gate applies to each.
"""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from engagement import access
from engagement.audit import audit_record
from engagement.models import Role
from surveys.definition import for_version

from .breakdown import UNWEIGHTED
from .exports.charts import Bar, bar_chart
from .exports.csv_format import sheets_to_csv
from .exports.services import FORMATS
from .exports.xlsx_format import sheets_to_xlsx
from .heatmap import heat_map
from .insight_forms import BoardForm, HeatMapForm, TrendForm
from .page_audit import audited_page
from .questions import characteristic_label, closed_question
from .spec import BreakdownError
from .target_board import target_board
from .trends import trend
from .views import render_analysis, survey_for_analyst


@login_required
@audited_page
def survey_targets(request, slug):
    """Met / not met / inconclusive per group for each of the programme's targets (§4.2)."""
    survey = survey_for_analyst(request.user, slug)
    form = BoardForm(request.GET or None, survey=survey)
    board = target_board(survey, characteristic=form.characteristic, user=request.user)
    return render_analysis(request, "analysis/survey_targets.html", survey, {
        "form": form, "board": board, "weighting_text": UNWEIGHTED,
        "can_manage": access.user_has_role(request.user, Role.ADMINISTRATOR, survey.programme)})


@login_required
@audited_page
def survey_trend(request, slug):
    """A question's results by month, quarter or wave, with the change between periods."""
    survey = survey_for_analyst(request.user, slug)
    form = TrendForm(request.GET or None, survey=survey)
    context = {"form": form}
    if form.is_valid():
        by = [form.cleaned_data["by"]] if form.cleaned_data["by"] else []
        try:
            question, period = form.cleaned_data["question"], form.cleaned_data["period"]
            table = trend(survey, question=question, period=period, by=by, user=request.user,
                          positive=form.cleaned_data["positive"] or None)
        except BreakdownError as exc:
            context["problem"] = exc.errors
        else:
            measure = form.cleaned_data["measure"] or ("mean" if _is_scale(table) else "pct_positive")
            context.update(table=table, measure=measure, chart=_trend_chart(survey, table, measure),
                           changes=table.changes[measure],
                           base_texts=sorted({p["comparison_base_text"] for p in table.periods}),
                           by_label=characteristic_label(by[0]) if by else "")
    return render_analysis(request, "analysis/survey_trend.html", survey, context)


def _is_scale(table) -> bool:
    return any(row["mean"] is not None for row in table.rows)


def _trend_chart(survey, table, measure):
    scale = closed_question(for_version(survey.current_version_id), table.question).scale
    if measure != "mean" or scale is None:
        scale, keys, unit, what = {"min": 0, "max": 100}, ("pct_positive", "pct_ci_low", "pct_ci_high"), "%", "% positive"
    else:
        keys, unit, what = ("mean", "ci_low", "ci_high"), "", "mean score"
    bars = [Bar(f"{row['period']}: {row['label']}" if table.by else row["period"], *(row[k] for k in keys),
                "suppressed: too few to report" if row["suppressed"] else "no figure") for row in table.rows]
    return bar_chart(bars, title=f"{table.question_text}: {what} by {table.period}, with 95% confidence intervals",
                     axis_min=scale["min"], axis_max=scale["max"], unit=unit, chart_id="trend")


@login_required
@audited_page
def survey_heatmap(request, slug):
    """Every closed question by every group of one characteristic; CSV or XLSX with ?format=."""
    survey = survey_for_analyst(request.user, slug)
    form = HeatMapForm(request.GET or None, survey=survey)
    context = {"form": form}
    if not form.is_bound:
        form = HeatMapForm({"by": form.fields["by"].choices[0][0]}, survey=survey)
        context["form"] = form
    if form.is_valid():
        try:
            grid = heat_map(survey, characteristic=form.cleaned_data["by"])
        except BreakdownError as exc:
            context["problem"] = exc.errors
        else:
            fmt = request.GET.get("format")
            if fmt in ("csv", "xlsx"):
                return _heatmap_download(request, survey, grid, fmt)
            context.update(grid=grid, by_label=characteristic_label(grid.characteristic), weighting_text=UNWEIGHTED)
    return render_analysis(request, "analysis/survey_heatmap.html", survey, context)


def _heatmap_download(request, survey, grid, fmt):
    about = {"Survey": f"{survey.title} ({survey.slug})", "Table": grid.title,
             "Produced by": getattr(request.user, "email", ""),
             "Suppression": f"Groups of fewer than {survey.min_group_size} responses, and any group whose figures "
                            "could be worked out from the others, are blank (suppressed = TRUE).",
             "Figures": "% positive for scale questions, % choosing each answer for choice questions, "
                        "the engagement index from 0 to 100.",
             "Weighting": UNWEIGHTED}
    if fmt == "csv":
        content = sheets_to_csv([grid.sheet()], about)
    else:
        buffer = io.BytesIO()
        sheets_to_xlsx([grid.sheet()], about, buffer)
        content = buffer.getvalue()
    audit_record(actor=request.user, action="export.heatmap", target=survey.slug, survey=survey.slug, format=fmt,
                 by=grid.characteristic, tables=[grid.title])
    response = HttpResponse(content, content_type=FORMATS[fmt][0])
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-heatmap-{grid.characteristic}.{fmt}"'
    return response
