"""Theme pages, mounted at /staff/analysis/themes/ (namespace "analysis:themes")."""

from django.urls import path

from . import review_views, views

app_name = "themes"
urlpatterns = [
    path("", views.index, name="index"),
    path("surveys/<slug:slug>/", views.survey_themes, name="survey"),
    path("surveys/<slug:slug>/codebooks/", views.codebook_create, name="codebook-create"),
    path("surveys/<slug:slug>/discover/", views.discovery_start, name="discovery-start"),
    path("discoveries/<int:pk>/", views.discovery_detail, name="discovery"),
    path("discoveries/<int:pk>/merge/", views.discovered_merge, name="discovery-merge"),
    path("discoveries/<int:pk>/codebook/", views.codebook_from_run, name="discovery-codebook"),
    path("discoveries/<int:pk>/themes/<int:theme_pk>/", views.discovered_action, name="discovered-action"),
    path("codebooks/<int:pk>/", views.codebook_detail, name="codebook"),
    path("codebooks/<int:pk>/tag/", views.tagging_start, name="tagging-start"),
    path("codebooks/<int:pk>/themes/<int:theme_pk>/edit/", views.theme_edit, name="theme-edit"),
    path("codebooks/<int:pk>/themes/<int:theme_pk>/delete/", views.theme_delete, name="theme-delete"),
    path("codebooks/<int:pk>/review/", review_views.review_page, name="review"),
    path("codebooks/<int:pk>/review/<int:answer_pk>/", review_views.review_action, name="review-action"),
    path("codebooks/<int:pk>/answers/", review_views.answer_list, name="answers"),
    path("codebooks/<int:pk>/counts/", review_views.counts_page, name="counts"),
    path("codebooks/<int:pk>/export.<str:fmt>", review_views.export, name="export"),
]
