from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    path("person/<int:person_id>/", views.person, name="person"),
    path("identity/<int:entity_id>/", views.identity, name="identity"),
]
