"""Survey definitions (draft, editable) and frozen versions; responses and drafts in progress.

Authors edit the draft (Page, Question, Choice). Publishing freezes the draft into a
SurveyVersion's JSON definition; respondents and every response use a version, so editing
a live survey never changes what collected answers meant.
"""

import uuid

from django.conf import settings
from django.db import models

from engagement.checks import STANDARD_MIN_GROUP_SIZE
from engagement.models import Programme

from .validators import min_group_size_floor


class QuestionType(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    SCALE = "scale", "Rating scale"
    GRID = "grid", "Grid of scale items"
    NUMBER = "number", "Number"
    DATE = "date", "Date"
    TEXT = "text", "Short text"
    LONG_TEXT = "long_text", "Long text"


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Variant(models.TextChoices):
        EASY_READ = "easy_read", "Easy Read"

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="surveys")
    slug = models.SlugField(unique=True, help_text="Used in the survey's web address.")
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What the survey is for, shown on the start page.")
    time_needed = models.CharField(max_length=60, default="5 minutes")
    privacy_notice = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    min_group_size = models.PositiveSmallIntegerField(
        default=STANDARD_MIN_GROUP_SIZE, validators=[min_group_size_floor],
        help_text=f"Smallest group any result may describe (standards.md §3.1); at least {STANDARD_MIN_GROUP_SIZE}.")
    current_version = models.ForeignKey("SurveyVersion", null=True, blank=True, editable=False,
                                        on_delete=models.PROTECT, related_name="+")
    variant_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="variants",
        help_text="The standard survey this is a version of (e.g. Easy Read); answers are analysed together.")
    variant_kind = models.CharField(max_length=12, choices=Variant.choices, blank=True)
    translations = models.JSONField(
        default=dict, blank=True,
        help_text='Draft translations, published with the definition: {"cy": {"<code>.text": "..."}}')
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.current_version_id is not None


class Page(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=60, help_text="Stable name used in the page's address.")
    title = models.CharField(max_length=200, blank=True,
                             help_text="Heading when a page groups several questions.")
    intro = models.TextField(blank=True)
    condition = models.JSONField(null=True, blank=True,
                                 help_text='Show only when met, e.g. {"question": "uses_bus", "equals": "yes"}')

    class Meta:
        ordering = ["survey", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="unique_page_key")]

    def __str__(self):
        return self.title or self.key


class Question(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(max_length=60, help_text="Stable code used by analysis and exports.")
    type = models.CharField(max_length=12, choices=QuestionType.choices)
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=False)
    allow_prefer_not_to_say = models.BooleanField(default=False)
    allow_dont_know = models.BooleanField(default=False)
    scale_min = models.SmallIntegerField(null=True, blank=True)
    scale_max = models.SmallIntegerField(null=True, blank=True)
    scale_min_label = models.CharField(max_length=100, blank=True)
    scale_max_label = models.CharField(max_length=100, blank=True)
    items = models.JSONField(default=list, blank=True,
                             help_text='Grid items: [{"code": "edi_1", "text": "..."}]')
    min_value = models.FloatField(null=True, blank=True)
    max_value = models.FloatField(null=True, blank=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)
    condition = models.JSONField(null=True, blank=True)
    characteristic = models.SlugField(max_length=40, blank=True,
                                      help_text="Equality or work characteristic this answers, e.g. sex.")

    class Meta:
        ordering = ["page", "position", "id"]

    def __str__(self):
        return f"{self.code}: {self.text}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(max_length=60)
    label = models.CharField(max_length=300)
    exclusive = models.BooleanField(default=False, help_text='"None of these": clears other ticks.')

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="unique_choice_code")]

    def __str__(self):
        return self.label


class SurveyVersion(models.Model):
    """A frozen, immutable definition. Never edited after creation."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL)

    class Meta:
        ordering = ["survey", "-number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.survey} v{self.number}"


class Channel(models.Model):
    """What brought a respondent: a community organisation, a QR poster, a campaign."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", "Community organisation"
        QR = "qr", "QR poster"
        CAMPAIGN = "campaign", "Campaign"
        STAFF = "staff", "Staff communication"
        OTHER = "other", "Other"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Source(models.TextChoices):
    WEB = "web", "Web journey"
    API = "api", "API"
    IMPORT = "import", "File import"


class Response(models.Model):
    """A submitted response. Holds no identity and only the day it arrived.

    ``answers`` maps question (and grid item) codes to stored values; ``profile`` holds the
    respondent's characteristics derived at submission (e.g. age band, never date of birth).
    The random primary key gives no ordering to line responses up with anything else.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.SET_NULL)
    submission_key = models.CharField(max_length=64, help_text="Idempotency key: one response per key.")
    submitted_on = models.DateField(db_index=True)
    language = models.CharField(max_length=12, default="en")
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    answers = models.JSONField(default=dict)
    profile = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "submission_key"],
                                               name="one_response_per_submission_key")]

    def __str__(self):
        return f"Response {self.id} to {self.survey_id}"


class ResponseDraft(models.Model):
    """Answers saved page by page until the respondent submits. Deleted on submission."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="drafts")
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.SET_NULL)
    language = models.CharField(max_length=12, default="en")
    answers = models.JSONField(default=dict)
    # Staff surveys: answers and language live only here, encrypted with a key held by the
    # respondent's browser alone (services.draft_open), and ``answers`` stays empty.
    sealed = models.BinaryField(null=True, editable=False)
    resume_code_hash = models.CharField(max_length=64, blank=True, db_index=True,
                                        help_text="Hash of a one-time resume code; cleared when it is used.")
    resume_code_expires_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"Draft {self.id}"


class IdempotencyKey(models.Model):
    """An API client's Idempotency-Key for a response, scoped to that client (surveys/idempotency.py).

    Holds hashes only, and an expiry rounded to the hour; deleted once expired.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, help_text="SHA-256 of the client's scope and key.")
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request it was first used with.")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "key_hash"], name="one_use_per_idempotency_key")]


from .waves.models import Participation, SealedBallot, StaffMember, Wave  # noqa: F401  (staff survey waves)
