"""Query parameters of the analysis endpoints. Output is the tables' own ``to_dict()``."""

from rest_framework import serializers

from ..filters import FilterError, Filters, parse_where
from ..stats import CORRECTIONS
from ..trends import PERIODS


class FilterSerializer(serializers.Serializer):
    """?from=YYYY-MM-DD&to=...&channel=<code>&where=<question>:<value>[,<value>] (repeatable)."""

    channel = serializers.ListField(child=serializers.SlugField(max_length=60), required=False, default=list)
    where = serializers.ListField(child=serializers.CharField(max_length=300), required=False, default=list)
    programme = serializers.SlugField(required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False, help_text="Earliest submitted_on (whole months)")
        fields["to"] = serializers.DateField(required=False, help_text="Latest submitted_on (whole months)")
        return fields

    def validate_where(self, value):
        try:
            return [parse_where(text) for text in value]
        except FilterError as exc:
            raise serializers.ValidationError(exc.errors["where"]) from exc

    def filters(self) -> Filters:
        data = self.validated_data
        return Filters(programme=data.get("programme"), date_from=data.get("from"), date_to=data.get("to"),
                       channels=tuple(data["channel"]), where=tuple(data["where"]))


class BreakdownQuerySerializer(FilterSerializer):
    question = serializers.CharField(max_length=60)
    by = serializers.ListField(child=serializers.CharField(max_length=60), min_length=1, max_length=2)
    correction = serializers.ChoiceField(choices=CORRECTIONS, default="holm")
    positive = serializers.ListField(child=serializers.CharField(max_length=60), required=False, default=list)


class TrendQuerySerializer(BreakdownQuerySerializer):
    period = serializers.ChoiceField(choices=PERIODS)
    by = serializers.ListField(child=serializers.CharField(max_length=60), max_length=2, required=False,
                               default=list)
