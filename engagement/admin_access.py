"""The Django admin is for platform operators (superusers) only.

Authors, analysts and administrators work through the product's own pages, which all ask
``engagement.access``; the admin bypasses those rules (any field, any programme), so nobody
else may reach any admin URL. Signed-in staff who are not operators get 403; anyone signed out
is sent to the product's sign-in page (two-factor, identity provider), never to the admin's own
password form, which would skip both.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

OPERATORS_ONLY = "The Django admin is for platform operators. Use the staff pages."


def is_operator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


class OperatorAdminSite(admin.AdminSite):
    site_header = "LCR Engagement: platform operators"
    site_title = "LCR Engagement operators"

    def has_permission(self, request):
        return is_operator(request.user)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def operators_only(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not self.has_permission(request):
                raise PermissionDenied(OPERATORS_ONLY)
            return guarded(request, *args, **kwargs)

        operators_only.admin_site = self
        return operators_only

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied(OPERATORS_ONLY)
            return redirect("admin:index")
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), settings.LOGIN_URL)
