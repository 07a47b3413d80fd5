from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from surveys.models import Survey

from . import access
from .models import Job, Role


def home(request):
    """Residents' front door: the surveys open now."""
    # Easy Read variants are reached from their main survey's start page; staff surveys
    # (those with waves) from personal invitations.
    surveys = Survey.objects.filter(status=Survey.Status.OPEN, current_version__isnull=False,
                                    variant_of__isnull=True, waves__isnull=True).select_related("programme")
    return render(request, "engagement/home.html", {"surveys": surveys})


@login_required
def staff_home(request):
    user = request.user
    context = {
        "author_programmes": access.programmes_for(user, Role.AUTHOR),
        "analyst_programmes": access.programmes_for(user, Role.ANALYST),
        "can_manage_people": access.programmes_for(user, Role.ADMINISTRATOR).exists(),
        "surveys": Survey.objects.filter(programme__in=access.programmes_for(user, Role.ANALYST))
        .select_related("programme", "current_version"),
    }
    return render(request, "engagement/staff_home.html", context)


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
    return render(request, "engagement/job_detail.html", {"job": job, "running": running,
                                                          "percent": round(job.progress * 100)})
