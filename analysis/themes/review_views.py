"""The review queue, the answer list, theme counts and exports for one codebook.

Text shown is the redacted copy. Analysts allowed raw responses may switch the review page
to the original answer; that view is audit-logged. Exports are always redacted.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from engagement import access
from engagement.audit import audit_record
from surveys.models import Response

from ..page_audit import audited_page
from . import exports, review
from .charts import theme_chart
from .counts import ThemeCountError, characteristics_for, theme_counts
from .forms import ReviewForm
from .models import AnswerTag, TextAnswer, Theme
from .selectors import answers_with_theme, codebook_answers, queue_size, review_queue
from .shares import theme_shares
from .views import codebook_for

PAGE_SIZE = 50
SHORTCUTS = [("a", "Accept the first undecided suggestion"), ("r", "Reject the first undecided suggestion"),
             ("c", "Confirm the answer as shown"), ("x", "No theme applies"), ("t", "Choose a theme to add"),
             ("n", "Next answer"), ("o", "Show or hide the original text (if you may see it)")]


def _answer(codebook, pk) -> TextAnswer:
    return get_object_or_404(codebook_answers(codebook), pk=pk)


def _after(queue: list[int], current: int | None) -> int | None:
    """The answer after ``current`` in the queue (the first one if it is not in it)."""
    rest = queue[queue.index(current) + 1:] if current in queue else [pk for pk in queue if pk != current]
    return rest[0] if rest else None


@login_required
def review_page(request, pk):
    codebook = codebook_for(request.user, pk)
    queue = review_queue(codebook, codebook.models.first())
    wanted = request.GET.get("answer", "")
    current = int(wanted) if wanted.isdigit() else (queue[0] if queue else None)
    if current is None:
        return render(request, "themes/review_done.html", {"codebook": codebook, "survey": codebook.survey})
    answer = _answer(codebook, current)
    tags = answer.codebook_tags
    may_see_raw = access.can_see_raw_responses(request.user, codebook.survey.programme)
    original = _original(request, answer) if may_see_raw and request.GET.get("original") == "1" else None
    decided = {t.theme_id for t in tags}
    return render(request, "themes/review.html", {
        "codebook": codebook, "survey": codebook.survey, "answer": answer,
        "pending": [t for t in tags if t.source == AnswerTag.Source.SUGGESTED],
        "decided": [t for t in tags if t.source != AnswerTag.Source.SUGGESTED],
        "addable": [t for t in codebook.themes.all() if t.pk not in decided],
        "next_id": _after(queue, answer.pk), "left": queue_size(codebook), "original": original,
        "may_see_raw": may_see_raw, "shortcuts": SHORTCUTS})


def _original(request, answer: TextAnswer) -> str:
    audit_record(actor=request.user, action="themes.view_original", target=str(answer.response_id),
                 survey=answer.survey_id, question=answer.question_code)
    value = Response.objects.filter(pk=answer.response_id).values_list("answers", flat=True).first() or {}
    return str(value.get(answer.question_code, ""))


@login_required
@require_POST
def review_action(request, pk, answer_pk):
    codebook = codebook_for(request.user, pk)
    answer = _answer(codebook, answer_pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to do with the answer")
        return redirect(_review_url(codebook, answer.pk))
    theme_id = form.cleaned_data["theme"]
    theme = Theme.objects.filter(pk=theme_id, codebook=codebook).first() if theme_id else None
    try:
        coded = review.review_apply(codebook=codebook, answer=answer, action=form.cleaned_data["action"],
                                    theme=theme, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_review_url(codebook, answer.pk))
    if coded:
        upcoming = form.cleaned_data["next"]
        return redirect(_review_url(codebook, upcoming) if upcoming else reverse(
            "analysis:themes:review", args=[codebook.pk]))
    return redirect(_review_url(codebook, answer.pk))


def _review_url(codebook, answer_id) -> str:
    return f"{reverse('analysis:themes:review', args=[codebook.pk])}?answer={answer_id}"


@login_required
@audited_page
def answer_list(request, pk):
    codebook = codebook_for(request.user, pk)
    wanted = request.GET.get("theme", "")
    theme_id = int(wanted) if wanted.isdigit() else None
    page = Paginator(answers_with_theme(codebook, theme_id), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "themes/answers.html", {
        "codebook": codebook, "survey": codebook.survey, "page": page, "themes": codebook.themes.all(),
        "theme_id": theme_id})


@login_required
@audited_page
def counts_page(request, pk):
    codebook = codebook_for(request.user, pk)
    by = request.GET.get("by", "")
    try:
        counts = theme_counts(codebook, by=by, user=request.user)
    except ThemeCountError as error:
        messages.error(request, "; ".join(error.errors.values()))
        counts, by = theme_counts(codebook, user=request.user), ""
    charted = theme_chart(counts, request.GET.get("theme"))
    return render(request, "themes/counts.html", {
        "codebook": codebook, "survey": codebook.survey, "counts": counts, "by": by,
        "characteristics": characteristics_for(codebook), "rows": counts.table_rows(),
        "chart": charted[0] if charted else "", "charted_theme": charted[1] if charted else "",
        "shares": theme_shares(codebook)})


@login_required
def export(request, pk, fmt):
    codebook = codebook_for(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404("Unknown format")
    try:
        built = exports.themes_export(codebook, fmt=fmt, by=request.GET.get("by", ""), user=request.user)
    except ThemeCountError as error:
        messages.error(request, "; ".join(error.errors.values()))
        return redirect("analysis:themes:counts", pk=codebook.pk)
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response
