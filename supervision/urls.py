"""Supervision dashboards and their downloads."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:board>/", views.board, name="board"),
    path("<slug:board>/<slug:key>.<str:fmt>", views.download, name="download"),
]
