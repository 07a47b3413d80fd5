from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from . import access
from .models import Job, Role


@login_required
def job_detail(request, job_id):
    """Progress of a background job: updated in place with JavaScript, by a button without it."""
    job = get_object_or_404(Job, pk=job_id)
    if job.created_by_id != request.user.pk and not access.user_has_role(request.user, Role.ADMINISTRATOR):
        raise PermissionDenied("Only the person who started this job can follow it.")
    running = job.status in (Job.Status.QUEUED, Job.Status.RUNNING)
    return render(request, "engagement/job_detail.html", {"job": job, "running": running,
                                                          "percent": round(job.progress * 100)})
