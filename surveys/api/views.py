"""Surveys and responses over HTTP. Submission calls the same service as the web journey."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response as HttpResponse
from rest_framework.views import APIView

from engagement.models import ApiToken

from .. import gates, idempotency, services
from ..models import Survey
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
    """Submit a complete response (anyone). Nobody lists responses here: row-level data leaves
    only as k-anonymous microdata, to holders of a grant (GET /api/v1/surveys/<slug>/microdata/)."""

    permission_classes = [permissions.AllowAny]  # kiosks and paper entry need no account

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
