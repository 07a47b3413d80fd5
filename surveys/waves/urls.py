from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.wave_list, name="waves"),
    path("waves/new/", views.wave_create, name="wave-create"),
    path("waves/<int:pk>/", views.wave_detail, name="wave"),
    path("waves/<int:pk>/staff-list/", views.staff_import, name="staff-import"),
    path("waves/<int:pk>/invitations/", views.invitations_send, name="invitations-send"),
    path("waves/<int:pk>/erase/", views.wave_erase, name="wave-erase"),
    path("invite/<str:token>/", views.invite, name="invite"),
]
