"""Intake pages: places, hotline calls, field observations, triage and statistics."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import hotline_views, views

app_name = "intake"

urlpatterns = [
    path("places/", views.place_list, name="place_list"),
    path("places/new/", views.place_edit, name="place_create"),
    path("places/<int:place_id>/", views.place_edit, name="place_edit"),
    path("calls/", views.call_list, name="call_list"),
    path("queue/", hotline_views.queue, name="queue"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/caller-history/", hotline_views.caller_panel, name="caller_history"),
    path("calls/caller-flag/", hotline_views.caller_flag, name="caller_flag"),
    path("calls/directory-search/", hotline_views.directory_search, name="directory_search"),
    path("calls/referral-picks/", hotline_views.referral_picks, name="referral_picks"),
    path("calls/<int:call_id>/refer/", hotline_views.call_refer, name="call_refer"),
    path("calls/<int:call_id>/callback/", hotline_views.call_callback, name="call_callback"),
    path("calls/<int:call_id>/transfer/", hotline_views.call_transfer, name="call_transfer"),
    path("calls/<int:call_id>/take/", hotline_views.call_take, name="call_take"),
    path("callbacks/<int:task_id>/done/", hotline_views.callback_done, name="callback_done"),
    path("calls/<int:call_id>/", views.call_detail, name="call_detail"),
    path("calls/<int:call_id>/end/", views.call_end, name="call_end"),
    path("observations/", views.observation_list, name="observation_list"),
    path("observations/new/", views.observation_create, name="observation_create"),
    path("observations/mine/", views.observation_mine, name="observation_mine"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["intake"], domain="djangojs"), name="jsi18n"),
    path("observations/xlsform/", views.observation_xlsform, name="observation_xlsform"),
    path("observations/<int:observation_id>/", views.observation_detail, name="observation_detail"),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("triage/", views.triage_board, name="triage"),
    path("triage/<str:kind>/<int:record_id>/", views.triage_action, name="triage_action"),
    path("statistics/", views.statistics, name="statistics"),
]
