"""Surveys and responses over HTTP. Submission calls the same service as the web journey."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response as HttpResponse
from rest_framework.views import APIView

from engagement import access
from engagement.models import Role

from .. import gates, services
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


class SurveyResponses(APIView):
    """Submit a complete response (anyone), or list responses (analysts of the programme)."""

    # Submitting needs no account (kiosks, paper entry); listing checks the analyst role itself.
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=serializers.ResponseInputSerializer,
                   responses={201: serializers.ResponseCreatedSerializer},
                   parameters=[OpenApiParameter("Idempotency-Key", location="header", required=False)])
    def post(self, request, slug):
        survey = get_object_or_404(Survey.objects.select_related("current_version"), slug=slug)
        if gates.is_gated(survey):  # staff surveys: personal links only, once per person
            raise PermissionDenied("Responses to this staff survey are accepted only through the web journey")
        body = serializers.ResponseInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        key = request.headers.get("Idempotency-Key") or data.get("idempotency_key")
        if not key:
            raise ValidationError({"idempotency_key": ["Send an Idempotency-Key header or idempotency_key field"]})
        try:
            response, created = services.response_create(
                survey=survey, answers=data["answers"], idempotency_key=key,
                channel_code=data.get("channel"), language=data["language"])
        except services.SurveyClosed as exc:
            raise NotFound("This survey is not open for responses") from exc
        except AnswerErrors as exc:
            raise ValidationError({"answers": {code: [msg] for code, msg in exc.errors.items()}}) from exc
        headers = {} if created else {"Idempotent-Replayed": "true"}
        return HttpResponse(serializers.ResponseCreatedSerializer(response).data,
                            status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(responses={200: serializers.ResponseOutputSerializer(many=True)})
    def get(self, request, slug):
        survey = get_object_or_404(Survey, slug=slug)
        if not access.can_see_raw_responses(request.user, survey.programme):
            if not (request.user and request.user.is_authenticated):
                self.permission_denied(request)
            access.require_role(request.user, Role.ANALYST, survey.programme)
        queryset = Response.objects.filter(survey=survey).select_related("version", "channel")
        paginator = ResponsePagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(serializers.ResponseOutputSerializer(page, many=True).data)
