"""GET /api/v1/surveys/<slug>/export/?format=csv|xlsx|html&question=...&by=... for analysts.

The same ``export_results`` as the staff download (disclosure applied, audit-logged). DRF
normally reads ``?format=`` to pick a renderer; here it names the file format, so content
negotiation ignores it and errors still come back as JSON in the API's one error shape.
"""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer

from ..api.serializers import FilterSerializer
from ..api.views import FILTER_PARAMETERS, AnalysisView, _domain_errors
from .services import FORMATS, export_results


class ExportQuerySerializer(FilterSerializer):
    format = serializers.ChoiceField(choices=list(FORMATS), default="csv")
    question = serializers.ListField(child=serializers.CharField(max_length=600), required=False, default=list)
    by = serializers.ListField(child=serializers.CharField(max_length=60), min_length=1, max_length=2)

    def validate_question(self, value):
        return [code.strip() for text in value for code in text.split(",") if code.strip()]


class _FormatIsNotARenderer(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(AnalysisView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _FormatIsNotARenderer

    @extend_schema(
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS), description="File format (default csv)"),
            OpenApiParameter("question", OpenApiTypes.STR, many=True,
                             description="Question codes (repeatable or comma-separated); none: every closed question"),
            OpenApiParameter("by", OpenApiTypes.STR, many=True, required=True, description="One or two characteristics"),
            *FILTER_PARAMETERS],
        responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, FORMATS["xlsx"][0]): OpenApiTypes.BINARY,
                   (200, "text/html"): OpenApiTypes.STR})
    def get(self, request, slug):
        """Results tables as a CSV, XLSX workbook or HTML report, suppression applied."""
        survey = self.survey_for(request, slug)
        query = self.query(ExportQuerySerializer)
        data = query.validated_data
        export = _domain_errors(lambda: export_results(
            survey, fmt=data["format"], questions=data["question"], by=data["by"], filters=query.filters(),
            user=request.user, via="api"))
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
