"""The surveys staff area, mounted at /staff/surveys/."""

from django.urls import path

from . import builder_views, channel_views, staff_views

app_name = "surveys_staff"

urlpatterns = [
    path("", staff_views.survey_index, name="index"),
    path("xlsform/import/", staff_views.xlsform_import, name="xlsform-import"),
    path("build/new/", builder_views.survey_new, name="build-new"),
    path("survey/<slug:slug>/build/", builder_views.survey_build, name="build"),
    path("survey/<slug:slug>/build/pages/<int:pk>/questions/add/", builder_views.question_add,
         name="build-question-add"),
    path("survey/<slug:slug>/build/preview/", builder_views.survey_preview, name="build-preview"),
    path("survey/<slug:slug>/build/pages/<int:pk>/route/", builder_views.page_route, name="build-route"),
    path("survey/<slug:slug>/build/pages/<int:pk>/rename/", builder_views.page_rename, name="build-page-rename"),
    path("survey/<slug:slug>/build/pages/<int:pk>/<slug:action>/", builder_views.page_action, name="build-page"),
    path("survey/<slug:slug>/build/questions/<int:pk>/items/", builder_views.grid_items, name="build-grid"),
    path("survey/<slug:slug>/build/questions/<int:pk>/items/<slug:item>/", builder_views.grid_item_edit,
         name="build-grid-item"),
    path("survey/<slug:slug>/build/questions/<int:pk>/edit/", builder_views.question_edit,
         name="build-question-edit"),
    path("survey/<slug:slug>/build/questions/<int:pk>/<slug:action>/", builder_views.question_action,
         name="build-question"),
    path("survey/<slug:slug>/build/publish/", builder_views.survey_publish_confirm, name="build-publish"),
    path("survey/<slug:slug>/xlsform/", staff_views.xlsform_export, name="xlsform-export"),
    path("survey/<slug:slug>/xlsform/report/", staff_views.xlsform_report, name="xlsform-report"),
    path("survey/<slug:slug>/translations/", staff_views.translation_list, name="translation-list"),
    path("survey/<slug:slug>/translations/<slug:language>/", staff_views.translation_download,
         name="translation-download"),
    path("survey/<slug:slug>/translations/<slug:language>/delete/", staff_views.translation_delete,
         name="translation-delete"),
    path("survey/<slug:slug>/responses/import/", staff_views.response_import, name="response-import"),
    path("channels/", channel_views.channel_list, name="channel-list"),
    path("channels/new/", channel_views.channel_create, name="channel-create"),
    path("channels/import/", channel_views.channel_import, name="channel-import"),
    path("channels/<slug:code>/", channel_views.channel_detail, name="channel-detail"),
    path("channels/<slug:code>/edit/", channel_views.channel_edit, name="channel-edit"),
    path("channels/<slug:code>/deactivate/", channel_views.channel_deactivate, name="channel-deactivate"),
    path("channels/<slug:code>/<slug:slug>/qr.svg", channel_views.channel_qr, name="channel-qr"),
    path("channels/<slug:code>/<slug:slug>/poster/", channel_views.channel_poster, name="channel-poster"),
]
