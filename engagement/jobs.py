"""Background jobs with visible progress.

A job kind is a function registered with ``@job_kind("name")`` taking ``(job, **params)`` and
returning a JSON-able result; it may call ``job_progress``. ``title`` names the kind for
people, and ``describe(job)`` may say what the job is about ({"about": "Staff survey: comments",
"back_url", "back_label"}) for its page: the app that owns the kind knows, not this module.
``job_start`` records a Job and
runs it: on Celery when a broker is configured, otherwise in a thread of this process (the
embedded default), or inline (tests: ENGAGEMENT_JOB_RUNNER=inline). Running a job again
replaces its result, so a retried task never leaves duplicates.
"""

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections

from .models import Job

logger = logging.getLogger(__name__)
KINDS: dict[str, Callable] = {}
TITLES: dict[str, str] = {}
DESCRIBERS: dict[str, Callable[[Job], dict]] = {}


def job_kind(name: str, *, title: str = "", describe: Callable[[Job], dict] | None = None):
    def register(function):
        KINDS[name] = function
        TITLES[name] = title or name
        if describe is not None:
            DESCRIBERS[name] = describe
        return function

    return register


def job_description(job: Job) -> dict:
    """{"title", "about", "back_url", "back_label"} for the job's page; a describer that
    fails (its survey deleted, say) leaves only the title."""
    found = {"title": TITLES.get(job.kind, "Background job"), "about": "", "back_url": "", "back_label": ""}
    describe = DESCRIBERS.get(job.kind)
    if describe is not None:
        try:
            found.update(describe(job))
        except Exception:
            logger.warning("Could not describe job %s", job.pk, exc_info=True)
    return found


def job_start(*, kind: str, params: dict, user=None) -> Job:
    if kind not in KINDS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, params=params, created_by=user if user and user.is_authenticated else None)
    runner = settings.JOB_RUNNER
    if runner == "celery":
        from .tasks import run_job

        run_job.delay(str(job.pk))
    elif runner == "thread":
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()
    else:
        job_execute(job.pk)
        job.refresh_from_db()
    return job


def _run_in_thread(job_id) -> None:
    try:
        job_execute(job_id)
    finally:
        close_old_connections()


def job_progress(job: Job, fraction: float, message: str = "") -> None:
    Job.objects.filter(pk=job.pk).update(progress=max(0.0, min(1.0, fraction)), message=message[:300])


def job_execute(job_id) -> None:
    """Run a job to the end, recording success or failure. Safe to call again after a crash."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=0.0, message="Started")
    try:
        result = KINDS[job.kind](job, **job.params)
    except Exception as exc:  # a failed job is reported on its page, never lost silently
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message=f"Failed: {exc}"[:300])
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, progress=1.0, message="Done", result=result)
