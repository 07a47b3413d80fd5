from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Engagement: programmes, people and roles"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
