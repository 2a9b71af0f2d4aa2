from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path("favicon.ico", views.favicon, name="favicon"),
]
