"""Staff pages of the directory (under /directory/): services, CSV export, concerns from the public."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.staff_services, name="services"),
    path("services/new/", views.service_create, name="service_create"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("services.csv", views.services_csv, name="services_csv"),
    path("concerns/", views.concern_list, name="concerns"),
    path("concerns/<int:concern_id>/", views.concern_detail, name="concern_detail"),
    path("concerns/<int:concern_id>/triaged/", views.concern_mark_triaged, name="concern_triaged"),
    path("concerns/<int:concern_id>/triage/", views.concern_action, name="concern_action"),
]
