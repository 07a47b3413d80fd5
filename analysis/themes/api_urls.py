"""Theme endpoints, mounted at /api/v1/themes/ (job status: /api/v1/jobs/<id>/)."""

from django.urls import path

from . import api

urlpatterns = [
    path("codebooks/", api.CodebookList.as_view(), name="api-themes-codebooks"),
    path("codebooks/<int:pk>/", api.CodebookDetail.as_view(), name="api-themes-codebook"),
    path("codebooks/<int:pk>/themes/", api.ThemeCreate.as_view(), name="api-themes-theme-create"),
    path("codebooks/<int:pk>/tagging/", api.TaggingStart.as_view(), name="api-themes-tagging"),
    path("codebooks/<int:pk>/answers/", api.AnswerList.as_view(), name="api-themes-answers"),
    path("codebooks/<int:pk>/answers/next/", api.AnswersNext.as_view(), name="api-themes-next"),
    path("codebooks/<int:pk>/answers/<int:answer_pk>/review/", api.ReviewAction.as_view(),
         name="api-themes-review"),
    path("codebooks/<int:pk>/counts/", api.Counts.as_view(), name="api-themes-counts"),
    path("discoveries/", api.DiscoveryList.as_view(), name="api-themes-discoveries"),
    path("discoveries/<int:pk>/", api.DiscoveryDetail.as_view(), name="api-themes-discovery"),
    path("discoveries/<int:pk>/merge/", api.DiscoveredMerge.as_view(), name="api-themes-merge"),
    path("discoveries/<int:pk>/codebook/", api.DiscoveryCodebook.as_view(), name="api-themes-from-discovery"),
    path("discoveries/<int:pk>/themes/<int:theme_pk>/", api.DiscoveredAction.as_view(),
         name="api-themes-discovered"),
]
