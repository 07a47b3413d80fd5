from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from frontend.views import accessibility_statement

from . import api_views, token_views, views

urlpatterns = [
    path("", include("surveys.front_urls")),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("staff/jobs/<uuid:job_id>/", views.job_detail, name="job-detail"),
    path("staff/tokens/", token_views.token_list, name="api-tokens"),
    path("staff/tokens/<str:prefix>/revoke/", token_views.token_revoke, name="api-token-revoke"),
    path("s/", include("surveys.urls")),
    path("staff/analysis/", include("analysis.urls")),
    path("staff/people/", include("surveys.waves.urls")),
    path("staff/roles/", include("engagement.roles_urls")),
    path("staff/surveys/", include("surveys.staff_urls")),
    path("admin/", admin.site.urls),
    path("accounts/two-factor/required/", views.two_factor_required, name="two-factor-required"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/jobs/<uuid:job_id>/", api_views.JobDetail.as_view(), name="api-job-detail"),
    path("api/v1/", include("surveys.api.urls")),
    path("api/v1/", include("analysis.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI styles itself inline; allow that on this page alone.
    path("api/docs/", csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
]
handler404 = "engagement.views.not_found"
