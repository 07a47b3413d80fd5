from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "analysis.themes"
    label = "themes"
    verbose_name = "Open-text themes"
