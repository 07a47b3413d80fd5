from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("<slug:slug>/", views.survey_start, name="start"),
    path("<slug:slug>/begin/", views.survey_begin, name="begin"),
    path("<slug:slug>/q/<slug:page_key>/", views.survey_page, name="page"),
    path("<slug:slug>/check/", views.survey_check, name="check"),
    path("<slug:slug>/done/", views.survey_done, name="done"),
    path("<slug:slug>/save/", views.survey_save, name="save"),
    path("<slug:slug>/resume/", views.survey_resume, name="resume"),
    path("<slug:slug>/resume/<str:code>/", views.survey_resume, name="resume-link"),
]
