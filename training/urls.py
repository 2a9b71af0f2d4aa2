"""Training pages. The public certificate check is mounted at /certificates/verify/<code>/ in ctims/urls.py."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/participants/add/", views.participant_add, name="participant_add"),
    path("events/<int:pk>/participants/bulk/", views.participants_bulk, name="participants_bulk"),
    path("events/<int:pk>/scores/", views.score_grid, name="score_grid"),
    path("events/<int:pk>/check-in/", views.checkin_screen, name="checkin_screen"),
    path("check-in/<str:token>/", views.checkin, name="checkin"),
    path("events/<int:pk>/attendance/<str:day>/", views.attendance, name="attendance"),
    path("events/<int:pk>/sign-in-sheet.pdf", views.sign_in_sheet, name="sign_in_sheet"),
    path("events/<int:pk>/results/", views.event_results, name="event_results"),
    path("events/<int:pk>/certificates/", views.issue_certificates, name="issue_certificates"),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("certificates/expiring/", views.certificates_expiring, name="certificates_expiring"),
    path("certificates/<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.revoke_certificate, name="revoke_certificate"),
    path("my/", views.my_learning, name="my_learning"),
    path("my/events/<int:pk>/test/<str:kind>/", views.my_test, name="my_test"),
    path("my/events/<int:pk>/feedback/", views.my_feedback, name="my_feedback"),
    path("courses/", views.course_catalogue, name="course_catalogue"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/lessons/<int:lesson_pk>/", views.lesson, name="lesson"),
    path("courses/<int:pk>/images/<int:image_pk>/", views.course_image, name="course_image"),
    path("courses/<int:pk>/quiz/", views.quiz, name="quiz"),
    path("courses/<int:pk>/play/", views.scorm_player, name="scorm_player"),
    path("scorm/<int:pk>/commit/<str:token>/", views.scorm_commit, name="scorm_commit"),
    path("scorm/<int:pk>/exit/<str:token>/", views.scorm_exit, name="scorm_exit"),
    path("scorm/<int:pk>/files/<str:token>/<path:path>", views.scorm_file, name="scorm_file"),
    path("manage/courses/", views.course_admin, name="course_admin"),
    path("manage/courses/upload/", views.scorm_upload, name="scorm_upload"),
    path("manage/courses/new/", views.course_create, name="course_create"),
    path("manage/courses/<int:pk>/", views.course_edit, name="course_edit"),
    path("manage/courses/<int:pk>/settings/", views.course_settings, name="course_settings"),
    path("manage/courses/<int:pk>/publish/", views.course_publish, name="course_publish"),
    path("manage/courses/<int:pk>/scorm12.zip", views.course_export, name="course_export"),
    path("manage/questions/", views.question_bank, name="question_bank"),
    path("manage/completions/import/", views.completions_import, name="completions_import"),
]
