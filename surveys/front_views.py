"""The two front doors: residents' list of open surveys, and the staff workspace home."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from engagement import access
from engagement.models import Role

from .models import Survey


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
