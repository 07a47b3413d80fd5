"""Themes over HTTP (/api/v1/themes/...), for analysts of the survey's programme.

Thin: validate input, call the same services, jobs and selectors as the pages, return JSON.
All text is the redacted copy; theme counts come through the disclosure gate. Long work
answers 202 with a job; follow it at /api/v1/jobs/<id>/.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from engagement.audit import audit_record

from . import jobs, review, services
from .counts import ThemeCountError, theme_counts
from .models import APPLIES, Codebook, DiscoveredTheme, DiscoveryRun, TextAnswer, Theme
from .review import ACTIONS
from .selectors import codebook_answers, codebooks_for, review_queue
from .shares import theme_shares
from .views import codebook_for, run_for, survey_for

NEXT_LIMIT = 20


def job_json(job) -> dict:
    return {"id": str(job.pk), "kind": job.kind, "status": job.status, "progress": job.progress,
            "message": job.message, "url": reverse("api-job-detail", args=[job.pk]),
            "page": reverse("job-detail", args=[job.pk])}


def theme_json(theme: Theme) -> dict:
    return {"id": theme.pk, "name": theme.name, "description": theme.description, "keywords": theme.keywords}


def codebook_json(codebook: Codebook, detail: bool = False) -> dict:
    data = {"id": codebook.pk, "survey": codebook.survey.slug, "question": codebook.question_code,
            "name": codebook.name, "themes": [theme_json(t) for t in codebook.themes.all()]}
    if detail:
        model = codebook.models.first()
        data["model"] = model and {"version": model.version, "created_at": model.created_at,
                                   "metrics": model.metrics}
        running = jobs.active_job(jobs.TAG, codebook=codebook.pk)
        data["tagging_job"] = running and job_json(running)
    return data


def answer_json(answer: TextAnswer) -> dict:
    tags = getattr(answer, "codebook_tags", [])
    return {"id": answer.pk, "response": str(answer.response_id), "text": answer.text,
            "non_answer": answer.non_answer, "language": answer.language, "coded": answer.coded,
            "needs_translation": answer.needs_translation,
            "tags": [{"theme": t.theme.name, "theme_id": t.theme_id, "confidence": t.confidence,
                      "source": t.source} for t in tags]}


def _django_errors(error: DjangoValidationError) -> ValidationError:
    return ValidationError(getattr(error, "message_dict", None) or {"non_field_errors": error.messages})


class ThemeInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    keywords = serializers.ListField(child=serializers.CharField(max_length=100), required=False, default=list)


class CodebookInput(serializers.Serializer):
    survey = serializers.SlugField()
    question = serializers.SlugField()
    name = serializers.CharField(max_length=200)
    themes = ThemeInput(many=True, required=False, default=list)


class CodebookList(APIView):
    """Codebooks of the surveys you analyse (``?survey=<slug>`` for one survey), or create one."""

    @extend_schema(operation_id="themes_codebooks_list", parameters=[OpenApiParameter("survey", OpenApiTypes.STR)],
                   responses=OpenApiTypes.OBJECT)
    def get(self, request):
        slug = request.query_params.get("survey")
        survey = survey_for(request.user, slug) if slug else None
        books = codebooks_for(request.user, survey).prefetch_related("themes")
        return Response({"results": [codebook_json(b) for b in books]})

    @extend_schema(request=CodebookInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        body = CodebookInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        survey = survey_for(request.user, data["survey"])
        try:
            book = services.codebook_create(survey=survey, question_code=data["question"], name=data["name"],
                                            user=request.user, themes=data["themes"])
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(codebook_json(book, detail=True), status=status.HTTP_201_CREATED)


class CodebookDetail(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        return Response(codebook_json(codebook_for(request.user, pk), detail=True))


class ThemeCreate(APIView):
    """Add a theme to a codebook."""

    @extend_schema(request=ThemeInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        book = codebook_for(request.user, pk)
        body = ThemeInput(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            theme = services.theme_save(codebook=book, **body.validated_data)
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(theme_json(theme), status=status.HTTP_201_CREATED)


class TaggingStart(APIView):
    """Fit the tagger on the codebook and people's codings, then tag every answer (a job)."""

    @extend_schema(request=None, responses={202: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        book = codebook_for(request.user, pk)
        try:
            job = jobs.tagging_start(codebook=book, user=request.user)
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(job_json(job), status=status.HTTP_202_ACCEPTED)


class AnswerPagination(CursorPagination):
    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class AnswerList(ListAPIView):
    """Every answer (redacted) with its tags, confidence, source and flags.
    ``?theme=<id>`` keeps answers with that theme; ``?coded=true|false`` filters by coding."""

    pagination_class = AnswerPagination

    @extend_schema(parameters=[OpenApiParameter("theme", OpenApiTypes.INT),
                               OpenApiParameter("coded", OpenApiTypes.BOOL)], responses=OpenApiTypes.OBJECT)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        book = codebook_for(self.request.user, self.kwargs["pk"])
        answers = codebook_answers(book)
        theme = self.request.query_params.get("theme", "")
        if theme:
            if not theme.isdigit():
                raise ValidationError({"theme": ["Give a theme id"]})
            answers = answers.filter(tags__theme_id=int(theme), tags__source__in=APPLIES)
        coded = self.request.query_params.get("coded")
        if coded in ("true", "false"):
            answers = answers.filter(coded=coded == "true")
        return answers

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([answer_json(a) for a in page])


class AnswersNext(APIView):
    """The review queue's head: answers worth coding next, best first."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        book = codebook_for(request.user, pk)
        ids = review_queue(book, book.models.first())[:NEXT_LIMIT]
        found = {a.pk: a for a in codebook_answers(book).filter(pk__in=ids)}
        return Response({"results": [answer_json(found[i]) for i in ids if i in found]})


class ReviewInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=ACTIONS)
    theme = serializers.IntegerField(required=False)


class ReviewAction(APIView):
    """accept / reject / add a theme on an answer, or "confirm" / "none" for the whole answer."""

    @extend_schema(request=ReviewInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk, answer_pk):
        book = codebook_for(request.user, pk)
        answer = get_object_or_404(codebook_answers(book), pk=answer_pk)
        body = ReviewInput(data=request.data)
        body.is_valid(raise_exception=True)
        theme_id = body.validated_data.get("theme")
        theme = Theme.objects.filter(pk=theme_id, codebook=book).first() if theme_id else None
        try:
            review.review_apply(codebook=book, answer=answer, action=body.validated_data["action"],
                                theme=theme, user=request.user)
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(answer_json(get_object_or_404(codebook_answers(book), pk=answer_pk)))


class Counts(APIView):
    """Answers with each theme, for everyone and per group of ``by``, suppressed as every
    breakdown is; redacted quotes from groups of at least the minimum size; ``shares``: each
    theme's share of everyone corrected for the tagger's error, in percent, with a 95% interval."""

    @extend_schema(parameters=[OpenApiParameter("by", OpenApiTypes.STR, description="Characteristic code")],
                   responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        book = codebook_for(request.user, pk)
        by = request.query_params.get("by", "")
        try:
            counts = theme_counts(book, by=by, user=request.user)
        except ThemeCountError as error:
            raise ValidationError({k: [v] for k, v in error.errors.items()}) from error
        # Logged like every breakdown call, so repeated differencing attempts leave a trail.
        audit_record(actor=request.user, action="themes.counts", target=book.survey.slug, codebook=book.pk, by=by)
        shares = theme_shares(book)
        return Response({**counts.as_dict(), "shares": {
            "answers": shares.answers, "reviewed": shares.reviewed, "method": "adjusted classify-and-count",
            "themes": shares.rows()}})


class DiscoveryInput(serializers.Serializer):
    survey = serializers.SlugField()
    question = serializers.SlugField()
    n_themes = serializers.IntegerField(required=False, allow_null=True, min_value=2, max_value=30)


def run_json(run: DiscoveryRun) -> dict:
    return {"id": run.pk, "survey": run.survey.slug, "question": run.question_code, "answers": run.answers,
            "non_answers": run.non_answers, "job": run.job and job_json(run.job),
            "themes": [{"id": t.pk, "name": t.name, "label": t.label, "status": t.status, "size": t.size,
                        "top_terms": t.top_terms, "parent": t.parent_id, "merged_into": t.merged_into_id,
                        "examples": _texts(t.example_ids)} for t in run.themes.all()]}


def _texts(ids: list[int]) -> list[str]:
    found = dict(TextAnswer.objects.filter(pk__in=ids).values_list("pk", "text"))
    return [found[i] for i in ids if i in found]


class DiscoveryList(APIView):
    """Start discovery on one open question (a job)."""

    @extend_schema(request=DiscoveryInput, responses={202: OpenApiTypes.OBJECT})
    def post(self, request):
        body = DiscoveryInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        survey = survey_for(request.user, data["survey"])
        try:
            job = jobs.discovery_start(survey=survey, question_code=data["question"],
                                       n_themes=data.get("n_themes"), user=request.user)
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        run = DiscoveryRun.objects.get(pk=job.params["run"])
        return Response({"discovery": run.pk, "job": job_json(job)}, status=status.HTTP_202_ACCEPTED)


class DiscoveryDetail(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        return Response(run_json(run_for(request.user, pk)))


class DiscoveredInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["rename", "drop", "keep", "split"])
    name = serializers.CharField(max_length=120, required=False)
    parts = serializers.IntegerField(required=False, min_value=2, max_value=10)


class DiscoveredAction(APIView):
    """Rename, drop, keep again, or split (a job) one discovered theme."""

    @extend_schema(request=DiscoveredInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk, theme_pk):
        run = run_for(request.user, pk)
        theme = get_object_or_404(DiscoveredTheme, pk=theme_pk, run=run)
        body = DiscoveredInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            if data["action"] == "split":
                job = jobs.split_start(theme=theme, n_themes=data.get("parts"), user=request.user)
                return Response(job_json(job), status=status.HTTP_202_ACCEPTED)
            if data["action"] == "rename":
                services.discovered_rename(theme=theme, name=data.get("name", ""))
            else:
                services.discovered_set_status(theme=theme, keep=data["action"] == "keep")
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(run_json(run))


class MergeInput(serializers.Serializer):
    themes = serializers.ListField(child=serializers.IntegerField(), min_length=2)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class DiscoveredMerge(APIView):
    @extend_schema(request=MergeInput, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        run = run_for(request.user, pk)
        body = MergeInput(data=request.data)
        body.is_valid(raise_exception=True)
        chosen = {t.pk: t for t in run.themes.filter(pk__in=body.validated_data["themes"])}
        try:
            services.discovered_merge(themes=[chosen[i] for i in body.validated_data["themes"] if i in chosen],
                                      name=body.validated_data["name"])
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(run_json(run))


class NameInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)


class DiscoveryCodebook(APIView):
    """Build a codebook from the discovery's kept themes."""

    @extend_schema(request=NameInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        run = run_for(request.user, pk)
        body = NameInput(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            book = services.codebook_from_discovery(run=run, name=body.validated_data["name"], user=request.user)
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(codebook_json(book, detail=True), status=status.HTTP_201_CREATED)
