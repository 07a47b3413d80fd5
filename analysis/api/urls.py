from django.urls import include, path

from ..exports.api import ExportView
from . import views

urlpatterns = [
    path("themes/", include("analysis.themes.api_urls")),
    path("surveys/<slug:slug>/breakdown/", views.BreakdownView.as_view(), name="api-survey-breakdown"),
    path("surveys/<slug:slug>/trend/", views.TrendView.as_view(), name="api-survey-trend"),
    path("surveys/<slug:slug>/targets/", views.TargetsView.as_view(), name="api-survey-targets"),
    path("surveys/<slug:slug>/microdata/", views.MicrodataView.as_view(), name="api-survey-microdata"),
    path("surveys/<slug:slug>/export/", ExportView.as_view(), name="api-survey-export"),
]
