from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.mfa_verify, name="mfa_verify"),
    path("sign-in/set-up-authenticator/", views.mfa_enrol, name="mfa_enrol"),
    path("sign-out/", views.sign_out, name="logout"),
    path("device-key/", views.device_key, name="device_key"),
    path("profile/", views.profile, name="profile"),
    path("profile/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("profile/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:user_id>/", views.user_edit, name="user_edit"),
    path("organisation/", views.organisation_settings, name="organisation_settings"),
    path("organisation/logo/", views.organisation_logo, name="organisation_logo"),
]

urlpatterns += [
    path("profile/password/", views.PasswordChange.as_view(), name="password_change"),
]
