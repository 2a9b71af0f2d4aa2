"""Sign-in (password, then second factor), sign-out, profile, and user management pages."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.permissions import capability_required
from core.uploads import upload_limit
from core.views import remember_language

from . import logos, selectors, services
from .forms import CodeForm, EnrolForm, OrganisationLogoForm, ReplaceAuthenticatorForm, SignInForm, TokenForm, UserForm
from .middleware import LAST_SEEN, LOGIN_AT
from .models import TOTPDevice, User
from .roles import Role

PENDING_USER = "ctims_pending_user"
PENDING_AT = "ctims_pending_at"
PENDING_NEXT = "ctims_pending_next"
PENDING_SECONDS = 5 * 60
CLEAR_DEVICE = "ctims_clear_device"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    if not user_id or time.time() - request.session.get(PENDING_AT, 0) > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _complete_sign_in(request: HttpRequest, user: User) -> HttpResponse:
    next_url = request.session.get(PENDING_NEXT)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # new session key
    for key in (PENDING_USER, PENDING_AT, PENDING_NEXT):
        request.session.pop(key, None)
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    request.session.save()
    services.record_successful_sign_in(request, user, request.session.session_key)
    response = HttpResponseRedirect(_safe_next(request, next_url))
    if user.preferred_language:
        remember_language(response, user.preferred_language)
    return response


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            username, password = form.cleaned_data["username"], form.cleaned_data["password"]
            user = services.check_password(request, username, password)
        except services.SignInError as exc:
            error = exc.message
        else:
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_AT] = time.time()
            request.session[PENDING_NEXT] = request.GET.get("next", "")
            if user.has_mfa:
                return redirect("accounts:mfa_verify")
            if services.mfa_required(user):
                return redirect("accounts:mfa_enrol")
            return _complete_sign_in(request, user)
    return render(request, "accounts/sign_in.html", {"form": form, "error": error, "demo": settings.CTIMS_DEMO_MODE,
                                                     "clear_device": request.session.pop(CLEAR_DEVICE, False)})


def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Please sign in again."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = services.lockout_message(request, user.username)
        if refusal:
            form.add_error("code", refusal)
        elif services.verify_second_factor(request, user, form.cleaned_data["code"]):
            return _complete_sign_in(request, user)
        else:
            form.add_error("code", _(
                "That code is not right. Enter the newest code from your app, or a recovery code."))
    return render(request, "accounts/mfa_verify.html", {"form": form})


def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator: during sign-in (pending user) or from the profile page.

    Half-way through sign-in only a user with no authenticator may enrol one: for anyone
    else that would let a stolen password replace the second factor.
    """
    user = request.user if request.user.is_authenticated else _pending_user(request)
    if not isinstance(user, User):
        return redirect("accounts:login")
    if not request.user.is_authenticated and user.has_mfa:
        return redirect("accounts:mfa_verify")
    enrolment = services.start_totp_enrolment(user)
    replacing = request.user.is_authenticated and user.has_mfa
    form: EnrolForm | ReplaceAuthenticatorForm = (ReplaceAuthenticatorForm if replacing else EnrolForm)(
        request.POST or None)
    if request.method == "POST" and form.is_valid() and replacing:
        refusal = services.lockout_message(request, user.username)
        if refusal:
            form.add_error("current_code", refusal)
        elif not services.verify_second_factor(request, user, form.cleaned_data["current_code"]):
            form.add_error("current_code", _(
                "That code is not right. Enter the newest code from your app, or a recovery code."))
    if request.method == "POST" and form.is_valid():
        try:
            device = TOTPDevice.objects.get(pk=enrolment.device.pk)
            codes = services.confirm_totp_enrolment(user, device, form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages[0])
        else:
            request.session["ctims_new_recovery_codes"] = codes
            if not request.user.is_authenticated:
                request.session[PENDING_NEXT] = reverse("accounts:recovery_codes")
                return _complete_sign_in(request, user)
            return redirect("accounts:recovery_codes")
    return render(request, "accounts/mfa_enrol.html", {"form": form, "enrolment": enrolment,
                                                        "secret": enrolment.device.secret, "replacing": replacing})


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        request.session["ctims_new_recovery_codes"] = services.regenerate_recovery_codes(user)
        return redirect("accounts:recovery_codes")
    codes = request.session.pop("ctims_new_recovery_codes", None)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


def sign_out(request: HttpRequest) -> HttpResponse:
    """POST signs out and removes CTIMS's data from the device; GET asks first.

    The header's sign-out button posts straight here unless the page finds unsent drafts of this
    user on the device (core/static/core/sign_out.js): then it opens this page with their number,
    which warns that signing out removes them and offers the way back.
    """
    if request.method == "POST":
        if isinstance(request.user, User):
            services.record_sign_out(request.user, request.session.session_key)
        logout(request)
        request.session[CLEAR_DEVICE] = True  # the sign-in page clears storage too, for browsers without the header
        messages.info(request, _("You have signed out."))
        response = redirect("accounts:login")
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    unsent = request.GET.get("unsent", "")
    return render(request, "accounts/sign_out.html", {
        "unsent": min(int(unsent), 999) if unsent.isdigit() else 0,
        "back": _safe_next(request, request.GET.get("back")),
    })


@require_GET
def device_key(request: HttpRequest) -> JsonResponse:
    """The signed-in user's key for their drafts on this device (see services.device_key); never cached."""
    if not isinstance(request.user, User):
        response = JsonResponse({"error": {"code": "not_signed_in", "message": _("Please sign in again.")}},
                                status=403)
    else:
        key = services.device_key(request.user)
        response = JsonResponse({"store": key.store, "key": key.key})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    token_form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and token_form.is_valid():
        _token, new_token = services.create_api_token(user, token_form.cleaned_data["name"])
        token_form = TokenForm()
    return render(request, "accounts/profile.html", {
        "token_form": token_form, "new_token": new_token, "tokens": selectors.active_tokens(user),
        "has_mfa": user.has_mfa,
    })


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    services.revoke_api_token(request.user, token_id)
    messages.success(request, _("The token was revoked. Anything using it can no longer sign in."))
    return redirect("accounts:profile")


@capability_required("accounts.manage_users")
def user_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    filters = {"search": request.GET.get("q", "").strip(), "role": request.GET.get("role", ""),
               "active": request.GET.get("active", "")}
    page = Paginator(selectors.users_manageable_by(request.user, **filters), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "filters": filters, "roles": Role.choices})


@capability_required("accounts.manage_users")
def user_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.create_user(request.user, **{k: form.cleaned_data[k] for k in form.Meta.fields})
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _(
                "User %(username)s was created. Give them this first password in person: %(password)s")
                             % {"username": user.username, "password": password})
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@capability_required("accounts.manage_users")
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    target = selectors.manageable_user(request.user, user_id)
    if target is None:
        raise Http404  # the same answer for another organisation's user as for no user at all
    if request.method == "GET":
        services.record_user_view(request.user, target)
    form = UserForm(request.POST or None, instance=User.objects.get(pk=target.pk))
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "save" and form.is_valid():
                services.update_user(request.user, target, **{k: form.cleaned_data[k] for k in
                                                             ("first_name", "last_name", "email", "position", "role")})
                messages.success(request, _("Changes saved."))
                return redirect("accounts:user_edit", user_id=target.pk)
            if action == "status":
                services.update_user(request.user, target, is_active=request.POST.get("is_active") == "on")
                messages.success(request, _("Changes saved."))
                return redirect("accounts:user_edit", user_id=target.pk)
            if action == "unlock":
                services.unlock(request.user, target)
                messages.success(request, _("The account is unlocked."))
                return redirect("accounts:user_edit", user_id=target.pk)
            if action == "reset_mfa":
                services.reset_mfa(request.user, target)
                messages.success(request, _(
                    "The authenticator was removed. The user will set up a new one at next sign-in."))
                return redirect("accounts:user_edit", user_id=target.pk)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    return render(request, "accounts/user_form.html", {
        "form": form, "target": target, "target_has_mfa": target.has_mfa,
        "locked": services.is_locked_out(target.username),
    })


@upload_limit(logos.MAX_BYTES)
@capability_required("accounts.manage_organisation")
def organisation_settings(request: HttpRequest) -> HttpResponse:
    """The administrator's page for their own organisation: the logo printed on its certificates."""
    assert isinstance(request.user, User)
    organisation = request.user.organisation
    form = OrganisationLogoForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove_logo":
                services.set_organisation_logo(request.user, None)
                messages.success(request, _("The logo was removed. Certificates show the organisation's name."))
                return redirect("accounts:organisation_settings")
            form = OrganisationLogoForm(request.POST, request.FILES)
            if form.is_valid():
                services.set_organisation_logo(request.user, form.cleaned_data["logo"].read())
                messages.success(request, _("The logo was saved. New and reprinted certificates carry it."))
                return redirect("accounts:organisation_settings")
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    return render(request, "accounts/organisation_settings.html", {"organisation": organisation, "form": form})


@login_required
def organisation_logo(request: HttpRequest) -> HttpResponse:
    """The signed-in user's organisation's logo (a PNG that CTIMS re-encoded), for its settings page."""
    assert isinstance(request.user, User)
    logo = request.user.organisation.logo
    if not logo:
        raise Http404
    try:
        with logo.open("rb") as f:
            content = f.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = HttpResponse(content, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


class PasswordChange(PasswordChangeView):
    template_name = "accounts/password_change.html"

    def get_success_url(self) -> str:
        return reverse("accounts:profile")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        assert isinstance(self.request.user, User)
        services.record_password_change(self.request.user)
        messages.success(self.request, _("Your password was changed."))
        return response
