from django.urls import include, path

from . import insight_views, microdata_views, target_views, views

app_name = "analysis"
urlpatterns = [
    path("themes/", include("analysis.themes.urls")),
    path("<slug:slug>/", views.survey_overview, name="survey-overview"),
    path("<slug:slug>/breakdown/", views.survey_breakdown, name="survey-breakdown"),
    path("<slug:slug>/targets/", insight_views.survey_targets, name="survey-targets"),
    path("<slug:slug>/targets/manage/", target_views.target_list, name="target-list"),
    path("<slug:slug>/targets/new/", target_views.target_create, name="target-create"),
    path("<slug:slug>/targets/<int:pk>/edit/", target_views.target_edit, name="target-edit"),
    path("<slug:slug>/targets/<int:pk>/retire/", target_views.target_retire_view, name="target-retire"),
    path("<slug:slug>/trends/", insight_views.survey_trend, name="survey-trend"),
    path("<slug:slug>/heat-map/", insight_views.survey_heatmap, name="survey-heatmap"),
    path("<slug:slug>/representativeness/", views.survey_representativeness, name="survey-representativeness"),
    path("<slug:slug>/report/", views.survey_report, name="survey-report"),
    path("<slug:slug>/export/", views.survey_export, name="survey-export"),
    path("<slug:slug>/microdata.csv", microdata_views.survey_microdata, name="survey-microdata"),
    path("<slug:slug>/microdata/grants/", microdata_views.microdata_grants, name="microdata-grants"),
    path("<slug:slug>/microdata/grants/<int:pk>/revoke/", microdata_views.microdata_revoke, name="microdata-revoke"),
]
