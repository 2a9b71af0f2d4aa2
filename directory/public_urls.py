"""The public site (no sign-in): the home page is served at / by the project's root view."""

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("help/warning-signs/", views.warning_signs, name="warning_signs"),
    path("help/what-to-do/", views.what_to_do, name="what_to_do"),
    path("help/workers-rights/", views.workers_rights, name="workers_rights"),
    path("help/check-a-job-offer/", views.check_job_offer, name="check_job_offer"),
    path("help/helplines/", views.helplines, name="helplines"),
    path("help/services/", views.service_search, name="services"),
    path("help/services/<int:service_id>/", views.service_detail, name="service"),
    path("help/resources/", views.resource_library, name="resources"),
    path("help/report/", views.report_concern, name="report"),
    path("help/report/sent/", views.report_sent, name="report_sent"),
    path("leaflet/<str:language>.pdf", views.leaflet_pdf, name="leaflet"),
]
