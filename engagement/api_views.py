"""Background job status over HTTP: /api/v1/jobs/<id>/ (the JSON twin of /staff/jobs/<id>/)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access
from .models import Job, Role


class JobDetail(APIView):
    """Status, progress (0 to 1), message and, once done, the result of a job you started."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, job_id):
        job = get_object_or_404(Job, pk=job_id)
        if job.created_by_id != request.user.pk and not access.user_has_role(request.user, Role.ADMINISTRATOR):
            raise PermissionDenied("Only the person who started this job can follow it.")
        return Response({"id": str(job.pk), "kind": job.kind, "status": job.status, "progress": job.progress,
                         "message": job.message, "result": job.result, "created_at": job.created_at,
                         "done": job.status in (Job.Status.DONE, Job.Status.FAILED)})
