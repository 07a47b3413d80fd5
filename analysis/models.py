"""Reference data analysis needs: targets to track and population margins to compare with."""

from django.conf import settings
from django.db import models

from engagement.models import Programme


class Target(models.Model):
    """A target as data, e.g. EDI items' mean at least 6 on the 1-7 scale for every group.

    Administrators keep targets on the staff pages (analysis/target_views.py). A retired
    target stays for the record (the audit log names it) but is no longer tracked.
    """

    class Measure(models.TextChoices):
        MEAN = "mean", "Mean score"
        PCT_POSITIVE = "pct_positive", "Percentage positive"
        INDEX = "index", "Index of the questions (0 to 100)"

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", "At least the threshold"
        AT_MOST = "at_most", "At most the threshold"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(max_length=200)
    question_codes = models.JSONField(help_text='Question or grid item codes, e.g. ["edi_1", "edi_2"]')
    measure = models.CharField(max_length=15, choices=Measure.choices, default=Measure.MEAN)
    threshold = models.FloatField(help_text="e.g. 6.0 for a mean of 6 out of 7, or 80 for 80% positive")
    characteristics = models.JSONField(default=list, blank=True,
                                       help_text="Groups the target applies to; empty means every characteristic.")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    positive = models.JSONField(default=list, blank=True,
                                help_text="Answers counted as positive for a percentage target; empty means the "
                                          "question's default (for example 6 and 7 on a 1 to 7 scale).")
    period_from = models.DateField(null=True, blank=True, help_text="Count responses from this date (whole months).")
    period_to = models.DateField(null=True, blank=True, help_text="Count responses up to this date (whole months).")
    retired_on = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name


class PopulationMargin(models.Model):
    """Share of the population in one group of one characteristic, for comparison and weighting."""

    name = models.CharField(max_length=120, help_text='Reference set, e.g. "LCR mid-2023 estimates"')
    characteristic = models.SlugField(max_length=40)
    group = models.CharField(max_length=80)
    share = models.FloatField(help_text="Proportion between 0 and 1")
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name", "characteristic", "group"]
        constraints = [models.UniqueConstraint(fields=["name", "characteristic", "group"],
                                               name="unique_population_margin")]

    def __str__(self):
        return f"{self.name}: {self.characteristic}={self.group} {self.share:.1%}"


class MicrodataGrant(models.Model):
    """Permission for one person to download one survey's row-level (k-anonymous) responses.

    Granted by an administrator of the survey's programme, separately from any role: being an
    analyst gives aggregates only (analysis/microdata.py, docs/exports.md). Revoked grants are
    kept for the record; the audit log has who granted and revoked what.
    """

    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, related_name="microdata_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="microdata_grants")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(help_text="The last day the grant may be used.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self):
        return f"Microdata of {self.survey_id} for {self.user_id}"
