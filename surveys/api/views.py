"""Surveys and responses over HTTP. Submission calls the same service as the web journey."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response as HttpResponse
from rest_framework.views import APIView

from engagement import access
from engagement.models import ApiToken, Role

from .. import gates, idempotency, services
from ..models import Response, Survey
from ..question_types import AnswerErrors
from . import serializers


def _open_surveys():
    return Survey.objects.filter(status=Survey.Status.OPEN, current_version__isnull=False) \
        .select_related("programme", "current_version")


class SurveyList(generics.ListAPIView):
    """Published surveys that are open for responses."""

    permission_classes = [permissions.AllowAny]
    serializer_class = serializers.SurveySummarySerializer
    pagination_class = None

    def get_queryset(self):
        return _open_surveys()


class SurveyDetail(generics.RetrieveAPIView):
    """One published survey with its full, versioned definition."""

    permission_classes = [permissions.AllowAny]
    serializer_class = serializers.SurveyDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return _open_surveys()


class ResponsePagination(CursorPagination):
    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 1000


def _client_scope(request, survey, data) -> str:
    """Whose Idempotency-Keys these are: the token or person sending them, or for anonymous clients
    the submission token this server gave them."""
    if isinstance(request.auth, ApiToken):
        return f"token:{request.auth.pk}"
    if request.user is not None and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    token = request.headers.get("Submission-Token") or data.get("submission_token") or ""
    try:
        return idempotency.submission_token_scope(survey, token)
    except idempotency.BadSubmissionToken as exc:
        message = ("Send the Submission-Token header (or submission_token field) you got from "
                   f"POST /api/v1/surveys/{survey.slug}/submission-tokens/")
        raise ValidationError({"submission_token": [message]}) from exc


class SurveyResponses(APIView):
    """Submit a complete response (anyone), or list responses (analysts of the programme)."""

    # Submitting needs no account (kiosks, paper entry); listing checks the analyst role itself.
    permission_classes = [permissions.AllowAny]
    pagination_class = ResponsePagination  # also tells the schema that GET answers a page, not a list

    @extend_schema(request=serializers.ResponseInputSerializer,
                   responses={201: serializers.ResponseCreatedSerializer},
                   parameters=[OpenApiParameter("Idempotency-Key", location="header", required=False,
                                                description=serializers.IDEMPOTENCY_HELP),
                               OpenApiParameter("Submission-Token", location="header", required=False,
                                                description=serializers.SUBMISSION_TOKEN_HELP)])
    def post(self, request, slug):
        survey = get_object_or_404(  # the definition comes parsed from for_version's cache
            Survey.objects.select_related("current_version").defer("current_version__definition"), slug=slug)
        if gates.is_gated(survey):  # staff surveys: personal links only, once per person
            raise PermissionDenied("Responses to this staff survey are accepted only through the web journey")
        if not survey.is_open:
            raise NotFound("This survey is not open for responses")
        body = serializers.ResponseInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        key = request.headers.get("Idempotency-Key") or data.get("idempotency_key")
        if not key:
            raise ValidationError({"idempotency_key": ["Send an Idempotency-Key header or idempotency_key field"]})
        scope = _client_scope(request, survey, data)
        request_content = {"answers": data["answers"], "channel": data.get("channel"), "language": data["language"]}
        try:
            response, created = services.response_create(
                survey=survey, answers=data["answers"], idempotency_key=key, client_scope=scope,
                fingerprint=idempotency.fingerprint(request_content),
                channel_code=data.get("channel"), language=data["language"])
        except services.SurveyClosed as exc:
            raise NotFound("This survey is not open for responses") from exc
        except AnswerErrors as exc:
            raise ValidationError({"answers": {code: [msg] for code, msg in exc.errors.items()}}) from exc
        except idempotency.KeyReused:
            message = "Use a new key for a new response; a retry must send exactly the same request"
            return HttpResponse({"detail": "This Idempotency-Key was already used with a different request.",
                                 "errors": {"idempotency_key": [message]}}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        headers = {} if created else {"Idempotent-Replayed": "true"}
        return HttpResponse(serializers.ResponseCreatedSerializer(response).data,
                            status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(responses={200: serializers.ResponseOutputSerializer(many=True)},
                   parameters=[OpenApiParameter("cursor", str, description="The cursor from 'next' or 'previous'"),
                               OpenApiParameter("page_size", int, description="Up to 1000; 100 if not given")])
    def get(self, request, slug):
        survey = get_object_or_404(Survey, slug=slug)
        if not access.can_see_raw_responses(request.user, survey.programme):
            if not (request.user and request.user.is_authenticated):
                self.permission_denied(request)
            access.require_role(request.user, Role.ANALYST, survey.programme)
        queryset = Response.objects.filter(survey=survey).select_related("version", "channel")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(serializers.ResponseOutputSerializer(page, many=True).data)


class SubmissionTokens(APIView):
    """A submission token for an anonymous client (a kiosk, a form tool): its Idempotency-Keys are its own."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=None, responses={201: serializers.SubmissionTokenSerializer})
    def post(self, request, slug):
        survey = get_object_or_404(_open_surveys(), slug=slug)
        token = idempotency.submission_token_issue(survey)
        return HttpResponse({"submission_token": token,
                             "expires_in": int(idempotency.SUBMISSION_TOKEN_LIFETIME.total_seconds())},
                            status=status.HTTP_201_CREATED)
