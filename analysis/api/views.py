"""Breakdowns, target statuses and trends over HTTP, for analysts of the survey's programme.

Thin: check the query, call the same functions as pages, exports and the CLI, return the
gated table as JSON. Every call is audit-logged with its filters, so repeated differencing
attempts leave a trail (docs/analysis.md).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from engagement import access
from engagement.audit import audit_record
from engagement.models import Role

from .. import frames, microdata
from ..breakdown import UNWEIGHTED, breakdown
from ..spec import BreakdownError
from ..targets import target_statuses
from ..trends import trend
from . import serializers

FILTER_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="Earliest submitted_on; widened to the 1st"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Latest submitted_on; widened to the month's end"),
    OpenApiParameter("channel", OpenApiTypes.STR, many=True, description="Channel code (repeatable)"),
    OpenApiParameter("where", OpenApiTypes.STR, many=True, description="question_code:value[,value] (repeatable)"),
]
TABLE_PARAMETERS = [
    OpenApiParameter("question", OpenApiTypes.STR, required=True, description="Closed question or grid item code"),
    OpenApiParameter("by", OpenApiTypes.STR, many=True, description="Characteristic code (one or two)"),
    OpenApiParameter("correction", OpenApiTypes.STR, enum=["holm", "bh"]),
    OpenApiParameter("positive", OpenApiTypes.STR, many=True, description="Answer values counted as positive"),
    *FILTER_PARAMETERS,
]


class AnalysisView(APIView):
    def survey_for(self, request, slug):
        survey = frames.survey_get(slug)
        if survey is None:
            raise Http404("No published survey has this address")
        if not access.user_has_role(request.user, Role.ANALYST, survey.programme):
            raise PermissionDenied("This needs the analyst role for the survey's programme.")
        return survey

    def query(self, serializer_class):
        query = serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query

    def audit(self, action, survey, query):
        detail = {k: v for k, v in query.validated_data.items() if k not in ("from", "to", "where")}
        audit_record(actor=self.request.user, action=action, target=survey.slug,
                     filters=query.filters().describe(), **detail)


def _domain_errors(call):
    try:
        return call()
    except BreakdownError as exc:
        raise ValidationError({field: [message] for field, message in exc.errors.items()}) from exc


class BreakdownView(AnalysisView):
    @extend_schema(parameters=TABLE_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request, slug):
        """A closed question broken down by one or two characteristics, disclosure-controlled."""
        survey = self.survey_for(request, slug)
        query = self.query(serializers.BreakdownQuerySerializer)
        data = query.validated_data
        result = _domain_errors(lambda: breakdown(
            survey, question=data["question"], by=data["by"], filters=query.filters(), user=request.user,
            correction=data["correction"], positive=data["positive"] or None))
        self.audit("analysis.breakdown", survey, query)
        return Response(result.to_dict())


class TrendView(AnalysisView):
    @extend_schema(parameters=[OpenApiParameter("period", OpenApiTypes.STR, enum=["month", "quarter", "wave"],
                                                required=True), *TABLE_PARAMETERS],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request, slug):
        """A question's results per month, quarter or wave, overall and per group."""
        survey = self.survey_for(request, slug)
        query = self.query(serializers.TrendQuerySerializer)
        data = query.validated_data
        result = _domain_errors(lambda: trend(
            survey, question=data["question"], period=data["period"], by=data["by"], filters=query.filters(),
            user=request.user, correction=data["correction"], positive=data["positive"] or None))
        self.audit("analysis.trend", survey, query)
        return Response(result.to_dict())


class TargetsView(AnalysisView):
    @extend_schema(parameters=FILTER_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request, slug):
        """Each group's status against the programme's targets: met, not met or inconclusive."""
        survey = self.survey_for(request, slug)
        query = self.query(serializers.FilterSerializer)
        statuses = _domain_errors(lambda: target_statuses(survey, filters=query.filters(), user=request.user))
        self.audit("analysis.targets", survey, query)
        return Response({"survey": survey.slug, "min_group_size": survey.min_group_size,
                         "filters": query.filters().describe(), "weighted": False, "weighting_text": UNWEIGHTED,
                         "statuses": statuses})


class MicrodataView(AnalysisView):
    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY})
    def get(self, request, slug):
        """The survey's k-anonymous responses, one CSV row each: holders of a microdata grant only."""
        survey = self.survey_for(request, slug)
        data = microdata.microdata_for(request.user, survey, via="api")
        response = StreamingHttpResponse(microdata.csv_lines(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}-microdata.csv"'
        return response
