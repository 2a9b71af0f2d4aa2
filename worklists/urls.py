from django.urls import path

from . import views

app_name = "worklists"

urlpatterns = [
    path("people/", views.find_person, name="find_person"),
    path("searches/", views.searches, name="searches"),
    path("searches/<int:search_id>/", views.open_search, name="open_search"),
    path("searches/<int:search_id>/delete/", views.delete_search, name="delete_search"),
    path("<str:list_name>/bulk/", views.bulk, name="bulk"),
    path("<str:list_name>/save/", views.save_search, name="save_search"),
]
