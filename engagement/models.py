"""Programmes, people and roles."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("Staff accounts need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A member of staff who signs in. Residents never have accounts."""

    username = None
    email = models.EmailField("email address", unique=True)
    directorate = models.CharField(max_length=100, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    def __str__(self):
        return self.email


class Programme(models.Model):
    """A strand of engagement work: Citizen's Voice, Staff Engagement, Passenger Safety..."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    AUTHOR = "author", "Author"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "administrator", "Administrator"


class RoleAssignment(models.Model):
    """A role held by a user, for one programme or (programme empty) for all of them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="role_assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE,
                                  help_text="Leave empty for every programme.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "programme"], name="unique_role_per_programme"),
            models.UniqueConstraint(fields=["user", "role"], condition=models.Q(programme__isnull=True),
                                    name="unique_role_everywhere"),
        ]

    def __str__(self):
        scope = self.programme or "all programmes"
        return f"{self.user} is {self.get_role_display().lower()} for {scope}"


class AuditEvent(models.Model):
    """Who did what, when: exports, definition changes, role changes, deletions."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=60, db_index=True)
    target = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target}"


class Job(models.Model):
    """A long-running piece of work (theme discovery, big export) with visible progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0, help_text="0 to 1")
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.kind} ({self.status}, {self.progress:.0%})"


class ApiToken(models.Model):
    """A personal token a script sends as ``Authorization: Bearer ...`` instead of a password.

    Created on /staff/tokens/ after a second-factor sign-in; only a hash of the secret is kept.
    It acts for its owner within the programmes listed, read-only unless ``can_write``, until
    ``expires_at`` or revocation, whichever comes first.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'Power BI refresh'.")
    prefix = models.CharField(max_length=16, unique=True, help_text="Public part, shown to tell tokens apart.")
    secret_hash = models.CharField(max_length=64)
    programmes = models.ManyToManyField(Programme, related_name="+")
    can_write = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…, {self.user})"
