"""Investigations pages: registry, case page, dashboard, offences."""

from django.urls import path

from . import views

app_name = "investigations"

urlpatterns = [
    path("", views.investigation_list, name="list"),
    path("new/", views.investigation_create, name="create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("offences/", views.offence_list, name="offences"),
    path("offences/new/", views.offence_edit, name="offence_create"),
    path("offences/<int:offence_id>/", views.offence_edit, name="offence_edit"),
    path("<int:investigation_id>/", views.investigation_detail, name="detail"),
    path("<int:investigation_id>/edit/", views.investigation_edit, name="edit"),
    path("<int:investigation_id>/action/", views.investigation_action, name="action"),
    path("<int:investigation_id>/find/", views.find_records, name="find"),
    path("<int:investigation_id>/documents/", views.add_document, name="add_document"),
    path("<int:investigation_id>/documents/<int:document_id>/", views.document, name="document"),
    path("identity/<int:entity_id>/", views.link_identity, name="link_identity"),
]
