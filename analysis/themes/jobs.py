"""Whole-survey discovery and tagging as background jobs (engagement.jobs), so pages stay
usable while 100,000 answers are processed. Registered when the app loads (apps.py).
"""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from engagement.jobs import job_kind, job_progress, job_start
from engagement.models import Job

from .answers import text_question
from .discovery import discovery_run
from .models import Codebook, DiscoveredTheme, DiscoveryRun
from .tagging import tagging_run

TAG, DISCOVER = "themes.tag", "themes.discover"
MIN_TO_SPLIT = 20
# A job still "running" after this long died with its process (thread runner): ignore it.
STALE_AFTER = datetime.timedelta(hours=2)


def _describe_tagging(job: Job) -> dict:
    book = Codebook.objects.select_related("survey").get(pk=job.params["codebook"])
    return {"about": f"{book.survey.title}: {book.question_code}", "back_label": "Back to the codebook",
            "back_url": reverse("analysis:themes:codebook", args=[book.pk])}


def _describe_discovery(job: Job) -> dict:
    found = DiscoveryRun.objects.select_related("survey").get(pk=job.params["run"])
    return {"about": f"{found.survey.title}: {found.question_code}", "back_label": "Back to the themes found",
            "back_url": reverse("analysis:themes:discovery", args=[found.pk])}


@job_kind(TAG, title="Tagging answers with themes", describe=_describe_tagging)
def _tag(job: Job, *, codebook: int) -> dict:
    book = Codebook.objects.select_related("survey").get(pk=codebook)
    return tagging_run(book, lambda f, m: job_progress(job, f, m), job=job)


@job_kind(DISCOVER, title="Finding themes in answers", describe=_describe_discovery)
def _discover(job: Job, *, run: int, parent: int | None = None, parts: int | None = None) -> dict:
    found = DiscoveryRun.objects.select_related("survey").get(pk=run)
    split = DiscoveredTheme.objects.get(pk=parent, run=found) if parent else None
    return discovery_run(found, lambda f, m: job_progress(job, f, m), parent=split, parts=parts)


def active_job(kind: str, **params) -> Job | None:
    """A queued or running job of ``kind`` with these params, if there is one."""
    lookups = {f"params__{key}": value for key, value in params.items()}
    return Job.objects.filter(kind=kind, status__in=(Job.Status.QUEUED, Job.Status.RUNNING),
                              created_at__gte=timezone.now() - STALE_AFTER, **lookups).first()


def tagging_start(*, codebook: Codebook, user=None) -> Job:
    """Start tagging, or return the tagging job already running for this codebook."""
    running = active_job(TAG, codebook=codebook.pk)
    if running is not None:
        return running
    if not codebook.themes.exists():
        raise ValidationError({"codebook": "Add at least one theme before tagging"})
    return job_start(kind=TAG, params={"codebook": codebook.pk}, user=user)


def discovery_start(*, survey, question_code: str, n_themes: int | None = None, user=None) -> Job:
    if text_question(survey, question_code) is None:
        raise ValidationError({"question_code": f"‘{question_code}’ is not an open-text question of this survey"})
    if n_themes is not None and not 2 <= n_themes <= 30:
        raise ValidationError({"n_themes": "Ask for between 2 and 30 themes, or leave it empty"})
    run = DiscoveryRun.objects.create(survey=survey, question_code=question_code, n_themes=n_themes,
                                      created_by=user if user and user.is_authenticated else None)
    return _attach(run, job_start(kind=DISCOVER, params={"run": run.pk}, user=user))


def split_start(*, theme: DiscoveredTheme, n_themes: int | None = None, user=None) -> Job:
    """Re-run discovery inside one theme; its parts replace it in the same discovery."""
    if theme.status != DiscoveredTheme.Status.KEPT or len(theme.member_ids) < MIN_TO_SPLIT:
        raise ValidationError({"theme": f"Only a kept theme with at least {MIN_TO_SPLIT} answers can be split"})
    if n_themes is not None and not 2 <= n_themes <= 10:
        raise ValidationError({"n_themes": "Split into between 2 and 10 parts"})
    return job_start(kind=DISCOVER, params={"run": theme.run_id, "parent": theme.pk, "parts": n_themes},
                     user=user)


def _attach(run: DiscoveryRun, job: Job) -> Job:
    DiscoveryRun.objects.filter(pk=run.pk).update(job=job)
    return job
