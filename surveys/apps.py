from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"

    def ready(self):
        from . import equality  # noqa: F401  (registers the equality groupings in DERIVED)
        from .waves import ballots  # noqa: F401  (registers the ballot release job)
