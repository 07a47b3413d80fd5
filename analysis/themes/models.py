"""Codebooks, themes, discovered themes, fitted taggers and the tags on each answer.

The original answer text lives only in ``Response.answers``. ``TextAnswer`` keeps the
redacted copy (plus the non-answer and needs-translation flags) so pages, exports and the API never
need the original, and so 100,000 answers do not have to be redacted again per request.
"""

from django.conf import settings
from django.db import models

from engagement.models import Job
from surveys.models import Response, Survey


class TextAnswer(models.Model):
    """One open-text answer, redacted: everything staff see or export comes from here."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question_code = models.SlugField(max_length=60)
    text = models.TextField(help_text="Redacted: personal details replaced by [email], [name]...")
    language = models.CharField(max_length=12, help_text="The language the respondent answered in")
    non_answer = models.BooleanField(default=False, help_text='"n/a", "nothing", "-": never themed')
    needs_translation = models.BooleanField(
        default=False, help_text="Written in a language other than English: the tagger cannot read it reliably")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question_code"],
                                               name="one_text_answer_per_question")]
        indexes = [models.Index(fields=["survey", "question_code", "id"])]

    def __str__(self):
        return f"{self.question_code}: {self.text[:40]}"


class Codebook(models.Model):
    """The themes analysts code one open question with."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codebooks")
    question_code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    source_run = models.ForeignKey("DiscoveryRun", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", help_text="The discovery it was built from, if any")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "question_code", "name"]
        constraints = [models.UniqueConstraint(fields=["survey", "question_code", "name"],
                                               name="unique_codebook_name")]

    def __str__(self):
        return self.name


class Theme(models.Model):
    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    keywords = models.JSONField(default=list, blank=True, help_text="Words or phrases that signal the theme")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["codebook", "name"], name="unique_theme_name")]

    def __str__(self):
        return self.name


class AnswerTag(models.Model):
    """A theme on an answer: suggested by the tagger, or decided by a person."""

    class Source(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        HUMAN = "human", "Added by a person"
        REJECTED = "rejected", "Rejected"

    answer = models.ForeignKey(TextAnswer, on_delete=models.CASCADE, related_name="tags")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tags")
    confidence = models.FloatField(null=True, help_text="The tagger's confidence, 0 to 1")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SUGGESTED)
    suggested = models.BooleanField(default=False, help_text="The tagger suggested it before anyone decided")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "theme"], name="one_tag_per_answer_theme")]
        indexes = [models.Index(fields=["theme", "source"])]

    def __str__(self):
        return f"{self.theme} on {self.answer_id} ({self.source})"


# Tags that count: the answer has the theme.
APPLIES = (AnswerTag.Source.SUGGESTED, AnswerTag.Source.ACCEPTED, AnswerTag.Source.HUMAN)
# Decisions a person made; the tagger never overwrites them.
DECIDED = (AnswerTag.Source.ACCEPTED, AnswerTag.Source.HUMAN, AnswerTag.Source.REJECTED)


class Coding(models.Model):
    """An answer a person has finished coding: its themes are exactly its accepted and added
    tags. These are the examples (and corrections) the tagger is fitted on."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="codings")
    answer = models.ForeignKey(TextAnswer, on_delete=models.CASCADE, related_name="codings")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    coded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["codebook", "answer"], name="one_coding_per_answer")]


class TaggerModel(models.Model):
    """A fitted ThemeTagger (joblib bytes) with what it was fitted on and how it did."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="models")
    version = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64, help_text="Hash of the themes and codings fitted on")
    blob = models.BinaryField(editable=False, help_text="Emptied for superseded versions")
    metrics = models.JSONField(default=dict)
    next_to_code = models.JSONField(default=list, help_text="TextAnswer ids worth coding next, best first")
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["codebook", "version"], name="unique_model_version")]

    def __str__(self):
        return f"{self.codebook} v{self.version}"


class DiscoveryRun(models.Model):
    """Themes found in one question's answers without a codebook, to build one from."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question_code = models.SlugField(max_length=60)
    n_themes = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty: chosen automatically")
    answers = models.PositiveIntegerField(default=0)
    non_answers = models.PositiveIntegerField(default=0)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Discovery on {self.question_code} ({self.created_at:%Y-%m-%d %H:%M})"


class DiscoveredTheme(models.Model):
    """One discovered theme; analysts rename, merge, split and drop these before building a
    codebook. ``member_ids`` are TextAnswer ids (the answers it was strongest in)."""

    class Status(models.TextChoices):
        KEPT = "kept", "Kept"
        DROPPED = "dropped", "Dropped"
        MERGED = "merged", "Merged"
        SPLIT = "split", "Split"

    run = models.ForeignKey(DiscoveryRun, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="parts")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=300)
    name = models.CharField(max_length=120)
    top_terms = models.JSONField(default=list)
    size = models.PositiveIntegerField(default=0)
    example_ids = models.JSONField(default=list)
    member_ids = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.KEPT)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name
