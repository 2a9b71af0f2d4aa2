"""API: tokens for scripts, the current user and organisation, and user administration."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from core.api import ApiError, Error, Id

from . import selectors, services
from .models import User

router = Router(tags=["accounts"])


class TokenRequest(Schema):
    username: str
    password: str
    otp: str | None = None
    name: str = "API token"


class TokenOut(Schema):
    token: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    type: str


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    role: str
    organisation: OrganisationOut
    is_active: bool
    capabilities: list[str]

    @staticmethod
    def resolve_capabilities(obj: User) -> list[str]:
        return sorted(obj.capabilities)


class UserListOut(Schema):
    items: list[UserOut]
    count: int


def _me(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@router.post("/auth/token", auth=None, response={200: TokenOut, 401: Error, 403: Error, 429: Error},
             summary="Exchange credentials for a personal API token")
def issue_token(request: HttpRequest, payload: TokenRequest) -> dict[str, str]:
    try:
        user = services.check_password(request, payload.username, payload.password)
    except services.SignInError as exc:
        raise ApiError(429 if exc.code == "locked_out" else 401, exc.code, exc.message) from exc
    if user.has_mfa or services.mfa_required(user):
        if not user.has_mfa:
            raise ApiError(403, "mfa_not_enrolled", _("Set up an authenticator by signing in on the web first."))
        if not payload.otp:
            raise ApiError(401, "otp_required", _("This account uses multi-factor authentication: send 'otp' too."))
        refusal = services.lockout_message(request, user.username)
        if refusal:
            raise ApiError(429, "locked_out", refusal)
        if not services.verify_second_factor(request, user, payload.otp):
            raise ApiError(401, "invalid_otp", _("The one-time code is not right."))
    services.record_successful_sign_in(request, user, None)
    _token, secret = services.create_api_token(user, payload.name)
    return {"token": secret}


@router.get("/me", response=UserOut, summary="The signed-in user")
def me(request: HttpRequest) -> User:
    return _me(request)


@router.get("/organisation", response=OrganisationOut, summary="The signed-in user's organisation")
def organisation(request: HttpRequest) -> object:
    return _me(request).organisation


def _require_user_admin(user: User) -> None:
    if not user.has_capability("accounts.manage_users"):
        services.record_permission_denied(user, "accounts.user", "api: manage users")
        raise PermissionDenied


@router.get("/users/", response=UserListOut, include_in_schema=False)  # the same list, trailing slash
@router.get("/users", response=UserListOut, summary="Users of your organisation (administrators)")
def list_users(request: HttpRequest, q: str = "", role: str = "", active: str = "") -> dict[str, object]:
    user = _me(request)
    _require_user_admin(user)
    users = selectors.users_manageable_by(user, search=q, role=role, active=active).select_related("organisation")
    return {"items": list(users[:500]), "count": users.count()}


@router.get("/users/{user_id}", response=UserOut, summary="One user of your organisation (administrators)")
def get_user(request: HttpRequest, user_id: Id) -> object:
    user = _me(request)
    _require_user_admin(user)
    target = selectors.manageable_user(user, user_id)
    if target is None:
        raise Http404  # another organisation's user looks exactly like no user
    services.record_user_view(user, target)
    return target
