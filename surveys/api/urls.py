from django.urls import path

from . import views

urlpatterns = [
    path("surveys/", views.SurveyList.as_view(), name="api-survey-list"),
    path("surveys/<slug:slug>/", views.SurveyDetail.as_view(), name="api-survey-detail"),
    path("surveys/<slug:slug>/responses/", views.SurveyResponses.as_view(), name="api-survey-responses"),
    path("surveys/<slug:slug>/submission-tokens/", views.SubmissionTokens.as_view(),
         name="api-submission-tokens"),
]
