from django.urls import path

from . import views, xlsform_views
from .imports import views as import_views

app_name = "protection"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("register/", views.register, name="register"),
    path("overdue/", views.overdue, name="overdue"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<int:referral_id>/<str:action>/", views.referral_action, name="referral_action"),
    path("export/", views.export, name="export"),
    path("import/", import_views.upload, name="import"),
    path("import/<int:job_id>/", import_views.job_page, name="import_job"),
    path("import/<int:job_id>/progress/", import_views.progress, name="import_progress"),
    path("import/xlsform/htcds-case/", xlsform_views.htcds_case_xlsform, name="htcds_case_xlsform"),
    path("indicators/", views.indicator_sets, name="indicator_sets"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/history/", views.case_history, name="case_history"),
    path("cases/<int:case_id>/new-case/", views.new_case, name="new_case"),
    path("cases/<int:case_id>/identity/", views.edit_identity, name="identity"),
    path("cases/<int:case_id>/edit/", views.edit_case, name="edit"),
    path("cases/<int:case_id>/status/", views.case_status, name="status"),
    path("cases/<int:case_id>/review/", views.case_review, name="review"),
    path("cases/<int:case_id>/screening/", views.screening, name="screening"),
    path("cases/<int:case_id>/identification/", views.identification, name="identification"),
    path("cases/<int:case_id>/consent/", views.consent, name="consent"),
    path("cases/<int:case_id>/consent/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("cases/<int:case_id>/assessment/", views.add_assessment, name="assessment"),
    path("cases/<int:case_id>/plan/", views.add_plan_item, name="plan"),
    path("cases/<int:case_id>/services/", views.add_service, name="service"),
    path("cases/<int:case_id>/notes/", views.add_note, name="note"),
    path("cases/<int:case_id>/tasks/", views.add_task, name="task"),
    path("cases/<int:case_id>/tasks/<int:task_id>/done/", views.complete_task, name="task_done"),
    path("cases/<int:case_id>/documents/", views.add_document, name="document_add"),
    path("cases/<int:case_id>/documents/<int:document_id>/", views.document, name="document"),
    path("cases/<int:case_id>/referral/", views.referral, name="referral"),
    path("cases/<int:case_id>/transfer/", views.transfer, name="transfer"),
    path("cases/<int:case_id>/return/", views.return_plan, name="return_plan"),
    path("cases/<int:case_id>/return/stage/", views.return_stage, name="return_stage"),
    path("cases/<int:case_id>/return/assistance/", views.add_assistance, name="assistance"),
    path("cases/<int:case_id>/return/visits/<int:visit_id>/", views.record_visit, name="visit"),
]
