from django.conf import settings
from rest_framework import serializers

from ..models import Response, Survey


class SurveySummarySerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    version = serializers.IntegerField(source="current_version.number", read_only=True)

    class Meta:
        model = Survey
        fields = ["slug", "title", "description", "programme", "status", "time_needed", "version"]


class SurveyDetailSerializer(SurveySummarySerializer):
    definition = serializers.JSONField(source="current_version.definition", read_only=True)

    class Meta(SurveySummarySerializer.Meta):
        fields = [*SurveySummarySerializer.Meta.fields, "min_group_size", "definition"]


class ResponseInputSerializer(serializers.Serializer):
    answers = serializers.DictField(help_text="Question (and grid item) codes mapped to answers.")
    idempotency_key = serializers.CharField(
        max_length=200, required=False,
        help_text="Any unique string per response; or send an Idempotency-Key header. Retries with the "
                  "same key store nothing new and return the first response.")
    channel = serializers.CharField(max_length=60, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=[code for code, _ in settings.LANGUAGES], default="en")


class ResponseCreatedSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")

    class Meta:
        model = Response
        fields = ["id", "version", "submitted_on"]


class ResponseOutputSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")
    channel = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Response
        fields = ["id", "version", "submitted_on", "channel", "language", "source", "answers", "profile"]
