from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.defaults import page_not_found

from . import access
from .jobs import job_description
from .models import Job, Role


@login_required
def two_factor_required(request):
    """Where analysts and administrators land until they have enrolled (engagement/two_factor.py)."""
    return render(request, "engagement/two_factor_required.html")


@login_required
def job_detail(request, job_id):
    """Progress of a background job: updated in place with JavaScript, by a button without it."""
    job = get_object_or_404(Job, pk=job_id)
    if job.created_by_id != request.user.pk and not access.user_has_role(request.user, Role.ADMINISTRATOR):
        raise PermissionDenied("Only the person who started this job can follow it.")
    running = job.status in (Job.Status.QUEUED, Job.Status.RUNNING)
    return render(request, "engagement/job_detail.html", {"job": job, "running": running, "about": job_description(job),
                                                          "percent": round(job.progress * 100)})


def not_found(request, exception=None):
    """404s under /api/ answer in the API's JSON error shape (the schema says so); pages get the page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
