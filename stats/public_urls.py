"""The public statistics page (no sign-in), beside the other public pages."""

from django.urls import path

from . import views

app_name = "public_stats"

urlpatterns = [
    path("statistics/", views.public_statistics, name="index"),
]
