from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "analysis.themes"
    label = "themes"
    verbose_name = "Open-text themes"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the discovery and tagging job kinds)
