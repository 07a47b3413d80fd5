"""Staff survey waves: who may answer, who has, and the ballot box between them and the answers.

Nothing here refers to a Response, and a Response refers to nothing here. A Participation
row records only that someone took part in a wave (a keyed hash of their email) and their
directorate: no time, no date, no id with an order. Answers wait in the ballot box, sealed
with a key kept outside the database, until they are released in shuffled batches of at
least the disclosure threshold (surveys/waves/ballots.py; docs/programmes.md).

The tables keep the names they had when these models lived in ``engagement``.
"""

import uuid

from django.db import models
from django.utils import timezone


class Wave(models.Model):
    """One round of a staff survey, e.g. the 2026 annual survey."""

    survey = models.ForeignKey("surveys.Survey", on_delete=models.PROTECT, related_name="waves")
    name = models.CharField(max_length=100, help_text="For example 2026.")
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="The last day responses are accepted.")
    # Standards §7: contact details go when fieldwork closes; the counts stay for reporting.
    final_counts = models.JSONField(null=True, blank=True, editable=False,
                                    help_text="Directorate -> [headcount, taken part], kept when the "
                                              "staff list and participation records are erased.")

    class Meta:
        db_table = "engagement_wave"
        ordering = ["-opens_on", "name"]
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="unique_wave_name")]

    def __str__(self):
        return f"{self.survey} {self.name}"

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on

    @property
    def has_closed(self) -> bool:
        return self.closes_on < timezone.localdate()


class StaffMember(models.Model):
    """A person on a wave's staff list: who is invited, and the response-rate denominator."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="staff")
    email = models.EmailField()
    directorate = models.CharField(max_length=100, blank=True)
    # Only the SHA-256 of the emailed token is kept; a new invitation replaces it.
    invitation_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "engagement_staffmember"
        ordering = ["wave", "email"]
        constraints = [models.UniqueConstraint(fields=["wave", "email"], name="unique_staff_email")]

    def __str__(self):
        return self.email


class Participation(models.Model):
    """That one person took part in a wave. Rewritten as a whole on every submission (see
    ``services.participations_record``) so no row carries when it was added."""

    key = models.CharField(max_length=64, primary_key=True, help_text="Keyed hash of wave and email.")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="participations")
    directorate = models.CharField(max_length=100, blank=True)

    class Meta:
        db_table = "engagement_participation"

    def __str__(self):
        return f"Participation in {self.wave_id}"


class SealedBallot(models.Model):
    """One person's answers, encrypted and padded, waiting to be released with at least k others.

    Written in the transaction that records participation, so the write-ahead log pairs it
    with a participant: that is why it is sealed with a key that never enters the database
    and is destroyed once the ballot is released (``ballots.ballots_release``). The id is
    random and there is no time, so nothing but the log orders ballots, and the log only
    ever shows ciphertext.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="sealed_ballots")
    key_id = models.CharField(max_length=32, help_text="Which key in the ballot key store sealed it.")
    sealed = models.BinaryField()

    def __str__(self):
        return f"Sealed ballot for wave {self.wave_id}"
