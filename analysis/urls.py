from django.urls import include, path

from . import views

app_name = "analysis"
urlpatterns = [
    path("themes/", include("analysis.themes.urls")),
    path("<slug:slug>/", views.survey_overview, name="survey-overview"),
    path("<slug:slug>/breakdown/", views.survey_breakdown, name="survey-breakdown"),
    path("<slug:slug>/targets/", views.survey_targets, name="survey-targets"),
    path("<slug:slug>/representativeness/", views.survey_representativeness, name="survey-representativeness"),
    path("<slug:slug>/report/", views.survey_report, name="survey-report"),
    path("<slug:slug>/export/", views.survey_export, name="survey-export"),
    path("<slug:slug>/responses.csv", views.survey_raw_export, name="survey-raw-export"),
]
