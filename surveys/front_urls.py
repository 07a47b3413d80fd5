from django.urls import path

from . import front_views

urlpatterns = [
    path("", front_views.home, name="home"),
    path("staff/", front_views.staff_home, name="staff-home"),
]
