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


IDEMPOTENCY_HELP = ("Unique per response within your client (your token, or your submission token). A retry "
                    "with the same key and the same request stores nothing and returns the first response "
                    "(header Idempotent-Replayed: true); the same key with a different request is refused with "
                    "422. Keys are forgotten 24 hours after use.")
SUBMISSION_TOKEN_HELP = ("Anonymous clients only: the token from POST /api/v1/surveys/{slug}/submission-tokens/. "
                         "Your Idempotency-Keys are scoped to it. Valid for 90 days.")


class ResponseInputSerializer(serializers.Serializer):
    answers = serializers.DictField(help_text="Question (and grid item) codes mapped to answers.")
    idempotency_key = serializers.CharField(max_length=200, required=False,
                                            help_text=f"Or send the Idempotency-Key header. {IDEMPOTENCY_HELP}")
    submission_token = serializers.CharField(max_length=300, required=False, help_text=SUBMISSION_TOKEN_HELP)
    channel = serializers.CharField(max_length=60, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=[code for code, _ in settings.LANGUAGES], default="en")


class SubmissionTokenSerializer(serializers.Serializer):
    submission_token = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the token stays valid")


class ResponseCreatedSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")

    class Meta:
        model = Response
        fields = ["id", "version", "submitted_on"]
