from django.urls import path

from . import views

app_name = "approvals"

urlpatterns = [
    path("", views.approval_list, name="list"),
    path("<int:request_id>/decide/", views.decide, name="decide"),
    path("transfers/<int:transfer_id>/answer/", views.answer_transfer, name="answer_transfer"),
    path("settings/", views.policy, name="policy"),
]
