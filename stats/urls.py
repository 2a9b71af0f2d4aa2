from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("releases/new/", views.release_new, name="release_new"),
    path("releases/<int:release_id>/", views.release_detail, name="release_detail"),
]
