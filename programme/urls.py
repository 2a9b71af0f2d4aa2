from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("results.xlsx", views.export_xlsx, name="export_xlsx"),
    path("report/", views.results, name="results"),
    path("report.xlsx", views.results_xlsx, name="results_xlsx"),
    path("report.pdf", views.results_pdf, name="results_pdf"),
    path("report/values/new/", views.manual_value, name="manual_value"),
    path("report/evidence/<int:value_id>/", views.evidence, name="evidence"),
]
