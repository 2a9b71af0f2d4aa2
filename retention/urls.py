from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("holds/", views.place_hold, name="place_hold"),
    path("holds/<int:hold_id>/lift/", views.lift_hold, name="lift_hold"),
    path("erasure/", views.request_erasure, name="request_erasure"),
    path("erasure/<int:request_id>/confirm/", views.confirm_erasure, name="confirm_erasure"),
    path("erasure/<int:request_id>/refuse/", views.refuse_erasure, name="refuse_erasure"),
]
