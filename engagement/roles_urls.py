from django.urls import path

from . import roles_views as views

app_name = "roles"
urlpatterns = [
    path("", views.people_list, name="people"),
    path("add/", views.person_add, name="person-add"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/roles/<int:assignment_pk>/revoke/", views.role_revoke, name="role-revoke"),
]
