from django.urls import path

from . import views

app_name = "links"

urlpatterns = [
    path("", views.entity_list, name="entity_list"),
    path("entities/<int:pk>/", views.entity_detail, name="entity_detail"),
    path("entities/<int:pk>/confirm/", views.confirm_identity, name="confirm_identity"),
    path("entities/<int:pk>/network/", views.network, name="network"),
    path("pairs/<int:pk>/decide/", views.decide, name="decide"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert_detail"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
]
