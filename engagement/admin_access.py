"""Django admin access by role, decided by engagement.access like everything else.

Staff hold roles, not Django's per-model permissions: an author may use the survey
admin for their programmes, an administrator everything. ``RoleAdminMixin`` maps a
ModelAdmin onto a role and finds each object's programme with ``programme_of``.
"""

from django.contrib import admin

from . import access
from .models import Role


def admin_site_has_permission(request) -> bool:
    user = request.user
    return user.is_active and (user.is_staff or any(access.programmes_for(user, role).exists() for role in Role))


admin.site.has_permission = admin_site_has_permission


class RoleAdminMixin:
    admin_role = Role.ADMINISTRATOR
    programme_path: str | None = None  # e.g. "page__survey__programme"; None: not programme-scoped

    def programme_of(self, obj):
        if obj is None or self.programme_path is None:
            return None
        for part in self.programme_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _allowed(self, request, obj=None) -> bool:
        programme = self.programme_of(obj)
        if programme is None:  # the list, or an inline whose parent admin already checked
            return access.programmes_for(request.user, self.admin_role).exists()
        return access.user_has_role(request.user, self.admin_role, programme)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.programme_path and not access.user_has_role(request.user, self.admin_role):
            queryset = queryset.filter(**{f"{self.programme_path}__in": access.programmes_for(
                request.user, self.admin_role)})
        return queryset
