from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement: programmes, people and roles"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)


class OperatorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, for platform operators only (engagement/admin_access.py)."""

    default = False  # named in INSTALLED_APPS; EngagementConfig stays this module's default
    default_site = "engagement.admin_access.OperatorAdminSite"
