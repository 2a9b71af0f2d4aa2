"""Every write about organisations, users and their sign-in goes through here, with its audit event."""

from __future__ import annotations

import base64
import datetime
import secrets
from dataclasses import dataclass

import pyotp
import segno
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from . import lockout
from .models import ApiToken, Organisation, RecoveryCode, TOTPDevice, User, UserSession

TOTP_ISSUER = "CTIMS"
RECOVERY_CODE_COUNT = 10


class SignInError(Exception):
    """A sign-in that must stop, with a message safe to show (never says which part was wrong)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- lockout (django-axes: see accounts/lockout.py) ----------------------------------------


def lockout_message(request: HttpRequest, username: str) -> str | None:
    """Why sign-in as ``username`` from this request's address is refused right now, or None."""
    return lockout.refusal(request, username)


def is_locked_out(username: str) -> bool:
    """Whether the account is locked from at least one address."""
    return lockout.is_locked_anywhere(username)


def unlock(actor: User, target: User) -> None:
    """An administrator lifts a lockout early, from every address."""
    _require_admin_of(actor, target.organisation_id)
    lockout.unlock(target.username)
    record(actor, Action.UPDATE, target, fields=["lockout"])


# --- sign-in ---------------------------------------------------------------------------------


def mfa_required(user: User) -> bool:
    """Staff must use MFA; only demo accounts in demo mode may skip it, and never in production."""
    if not user.is_staff_role:
        return user.has_mfa
    return not (settings.CTIMS_DEMO_MODE and user.is_demo and not user.has_mfa)


def check_password(request: HttpRequest, username: str, password: str) -> User:
    """First factor, with lockout. Raises SignInError; audits failures."""
    if "\x00" in username or len(username) > User._meta.get_field("username").max_length:  # type: ignore[operator]
        # no account has such a name, and the database would refuse to look it up
        record(None, Action.LOGIN_FAILED, object_type="accounts.user", reason="bad credentials")
        raise SignInError("invalid_credentials", _("The username or password is not right."))
    known = User.objects.filter(username__iexact=username).first()
    refusal = lockout_message(request, username)
    if refusal:
        record(None, Action.LOGIN_FAILED, known, object_type="accounts.user",
               organisation_id=known.organisation_id if known else None, reason="locked out")
        raise SignInError("locked_out", refusal)
    user = authenticate(request, username=username, password=password)  # a failure counts in axes
    if user is not None and not user.organisation.is_active:  # type: ignore[union-attr]
        lockout.record_failure(request, username)
        user = None  # a closed organisation's accounts cannot sign in
    if user is None:
        record(None, Action.LOGIN_FAILED, known, object_type="accounts.user",
               organisation_id=known.organisation_id if known else None, reason="bad credentials")
        raise SignInError("invalid_credentials", _("The username or password is not right."))
    assert isinstance(user, User)
    return user


def verify_second_factor(request: HttpRequest, user: User, code: str) -> bool:
    """A TOTP code or an unused recovery code. Failures count toward lockout."""
    code = (code or "").replace(" ", "").strip()
    ok = bool(code) and (_verify_totp(user, code) or _use_recovery_code(user, code))
    if not ok:
        lockout.record_failure(request, user.username)
        record(user, Action.LOGIN_FAILED, user, reason="bad second factor")
    return ok


def _matching_step(totp: pyotp.TOTP, code: str, after: int) -> int | None:
    """The time step (now, or one step either side for clock drift) whose code is `code`,
    if it is later than `after`: a code already used, or an older one, never works again."""
    if not (code.isdigit() and len(code) == totp.digits):
        return None
    now = int(timezone.now().timestamp()) // totp.interval
    for step in (now - 1, now, now + 1):
        if step > after and secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _verify_totp(user: User, code: str) -> bool:
    for device in user.totp_devices.filter(confirmed=True):  # type: ignore[attr-defined]
        step = _matching_step(pyotp.TOTP(device.secret), code, device.last_used_step)
        # conditional update: of two requests racing with the same code, only one wins
        if step is not None and TOTPDevice.objects.filter(pk=device.pk, last_used_step__lt=step).update(
                last_used_step=step):
            return True
    return False


def _use_recovery_code(user: User, code: str) -> bool:
    match = user.recovery_codes.filter(code_hash=RecoveryCode.hash(code), used_at__isnull=True).first()  # type: ignore[attr-defined]
    if match is None or not RecoveryCode.objects.filter(pk=match.pk, used_at__isnull=True).update(
            used_at=timezone.now()):
        return False
    record(user, Action.UPDATE, user, fields=["recovery_code_used"])
    return True


def record_successful_sign_in(request: HttpRequest, user: User, session_key: str | None) -> None:
    """Both factors passed: clear this username-and-address pair's failures, remember the
    session, audit."""
    lockout.clear_pair(request, user.username)
    if session_key:
        track_session(user, session_key)
    record(user, Action.LOGIN, user)


def track_session(user: User, session_key: str) -> None:
    """Remember that `session_key` belongs to `user`, so that deactivation can end it."""
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def record_sign_out(user: User, session_key: str | None) -> None:
    """The user signed out: forget the session, make their drafts left on any device unreadable, audit."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
    renew_device_key(user)
    record(user, Action.LOGOUT, user)


# --- storage on the device -------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceKey:
    """What a signed-in page needs to keep this user's drafts on the device (core/static/core/device_store.js)."""

    store: str  # opaque name the user's records are kept under (no id or username in clear)
    key: str  # base64 of a 256-bit AES-GCM key


def device_key(user: User) -> DeviceKey:
    """The key that encrypts ``user``'s drafts on a device, and the opaque name they are filed under.

    Derived on each request, never stored: HMAC (Django's ``salted_hmac`` under ``SECRET_KEY``) of the
    user and a per-user nonce that sign-out renews. Only the user's own signed-in pages get it, and only
    into memory, so another account on the same browser finds ciphertext it cannot read, and after
    sign-out (or an administrator ending the user's sessions) no page can read what was left behind.
    The store name does not change with the nonce, so a page can find and drop records it can no
    longer read.
    """
    store = device_store_name(user)
    key = salted_hmac("ctims.device-store.key", f"{user.pk}:{user.device_key_nonce}", algorithm="sha256").digest()
    return DeviceKey(store=store, key=base64.b64encode(key).decode("ascii"))


def device_store_name(user: User) -> str:
    """The opaque name ``user``'s records are filed under on a device. Not a secret (pages carry it so the
    sign-out button can count unsent drafts without the key), and it does not reveal who the user is."""
    return salted_hmac("ctims.device-store.name", str(user.pk), algorithm="sha256").hexdigest()[:32]


def renew_device_key(user: User) -> None:
    """A new nonce: whatever was encrypted on a device under the old key can no longer be read."""
    user.device_key_nonce = secrets.token_hex(16)
    User.objects.filter(pk=user.pk).update(device_key_nonce=user.device_key_nonce)


def record_password_change(user: User) -> None:
    """Django's form set the new password; other sessions end through the session auth hash."""
    record(user, Action.UPDATE, user, fields=["password"])


# --- MFA enrolment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    uri: str
    qr_svg: str


def start_totp_enrolment(user: User) -> Enrolment:
    """An unconfirmed device and its provisioning QR code (the secret is stored encrypted).

    Callers must make sure the user may enrol: signed in, or half-way through sign-in
    with no authenticator yet (otherwise a password alone would replace the second factor).
    """
    device = user.totp_devices.filter(confirmed=False).first()  # type: ignore[attr-defined]
    if device is None:
        device = TOTPDevice.objects.create(user=user, secret=pyotp.random_base32())
    uri = pyotp.TOTP(device.secret).provisioning_uri(name=user.username, issuer_name=TOTP_ISSUER)
    # a viewBox and no fixed size, so the stylesheet can scale it without cropping the quiet zone
    qr_svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#0b0c0c", light="#ffffff", omitsize=True)
    return Enrolment(device=device, uri=uri, qr_svg=qr_svg)


def confirm_totp_enrolment(user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the device with a first code; returns fresh recovery codes to show once."""
    totp = pyotp.TOTP(device.secret)
    step = _matching_step(totp, code.replace(" ", "").strip(), device.last_used_step)
    if device.user_id != user.pk or step is None:
        raise ValidationError(_("That code is not right. Check the time on your phone and enter the newest code."))
    with transaction.atomic():
        device.confirmed = True
        device.last_used_step = step  # the enrolment code cannot be replayed to sign in
        device.save(update_fields=["confirmed", "last_used_step"])
        user.totp_devices.exclude(pk=device.pk).delete()  # type: ignore[attr-defined]
        codes = regenerate_recovery_codes(user)
        record(user, Action.UPDATE, user, fields=["mfa"])
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    # 64 random bits each: stored as a plain SHA-256, so they must be too many to guess offline
    codes = ["-".join(secrets.token_hex(2) for _ in range(4)) for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        user.recovery_codes.all().delete()  # type: ignore[attr-defined]
        RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=RecoveryCode.hash(c)) for c in codes])
        record(user, Action.UPDATE, user, fields=["recovery_codes"])
    return codes


def reset_mfa(actor: User, target: User) -> None:
    """An administrator removes a lost authenticator; the user enrols again at next sign-in."""
    _require_admin_of(actor, target.organisation_id)
    target.totp_devices.all().delete()  # type: ignore[attr-defined]
    target.recovery_codes.all().delete()  # type: ignore[attr-defined]
    end_all_sessions(target)
    record(actor, Action.UPDATE, target, fields=["mfa"])


# --- API tokens ------------------------------------------------------------------------------


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; the secret is returned once and only its hash is kept."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, for example the script that will use it.")})
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[6:12], token_hash=ApiToken.hash(secret))
    record(user, Action.CREATE, token)
    return token, secret


def revoke_api_token(user: User, token_id: int) -> None:
    """The owner revokes one of their tokens; anything using it is refused from now on."""
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(user, Action.UPDATE, token, fields=["revoked_at"])


def user_for_token(secret: str) -> User | None:
    """The active user a bearer token belongs to, or None (revoked, unknown, deactivated)."""
    if not secret.startswith("ctims_"):
        return None
    token = ApiToken.objects.select_related("user", "user__organisation").filter(
        token_hash=ApiToken.hash(secret), revoked_at__isnull=True,
    ).first()
    if token is None or not token.user.is_active or not token.user.organisation.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- users and organisations -----------------------------------------------------------------


def record_permission_denied(actor: User, object_type: str, reason: str) -> None:
    """A refusal worth knowing about (someone tried what their role does not allow)."""
    record(actor, Action.PERMISSION_DENIED, object_type=object_type, reason=reason)


def _require_admin_of(actor: User, organisation_id: int) -> None:
    if not (actor.has_capability("accounts.manage_users") and actor.organisation_id == organisation_id):
        record(actor, Action.PERMISSION_DENIED, object_type="accounts.user",
               reason="manage users of another organisation")
        raise PermissionDenied(_("You can manage only the users of your own organisation."))


def create_user(actor: User, *, username: str, email: str, first_name: str, last_name: str, role: str,
                position: str = "", password: str | None = None) -> tuple[User, str]:
    """An administrator adds a user to their own organisation. Returns the user and a first password."""
    _require_admin_of(actor, actor.organisation_id)
    initial = password or secrets.token_urlsafe(12)
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, role=role,
                position=position, organisation_id=actor.organisation_id)
    user.set_password(initial)
    user.full_clean()
    user.save()
    record(actor, Action.CREATE, user, fields=["username", "email", "first_name", "last_name", "role", "position"])
    return user, initial


def update_user(actor: User, target: User, **changes: object) -> User:
    """Change a user's details or role; deactivating ends every session and token use."""
    _require_admin_of(actor, target.organisation_id)
    allowed = {"email", "first_name", "last_name", "role", "position", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))} here")
    if target.pk == actor.pk and (changes.get("is_active") is False or changes.get("role", actor.role) != actor.role):
        raise ValidationError(_("You cannot deactivate yourself or change your own role."))
    changed = [k for k, v in changes.items() if getattr(target, k) != v]
    for key, value in changes.items():
        setattr(target, key, value)
    target.full_clean()
    with transaction.atomic():
        target.save()
        if changes.get("is_active") is False:
            end_all_sessions(target)
            revoked = ApiToken.objects.filter(user=target, revoked_at__isnull=True).update(revoked_at=timezone.now())
            if revoked:
                changed.append("api_tokens")
        record(actor, Action.UPDATE, target, fields=changed)
    return target


def record_user_view(actor: User, target: User) -> None:
    """An administrator opened a user's record (names, e-mail): audited like any personal data."""
    record(actor, Action.VIEW, target)


def end_all_sessions(user: User) -> int:
    """Sign a user out everywhere: delete their sessions (tracked at sign-in and whenever the key changes)."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    renew_device_key(user)  # drafts on a lost phone stay unreadable, even to whoever signs in on it later
    return len(keys)


def set_preferred_language(user: User, language: str) -> None:
    """Remember the interface language the user chose (a preference, not personal data: not audited)."""
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def create_organisation(actor: User | None, **fields: object) -> Organisation:
    """System administrators (superusers) and setup commands add member organisations."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    org = Organisation(**fields)
    org.full_clean()
    org.save()
    record(actor, Action.CREATE, org)
    return org


def set_organisation_logo(actor: User, content: bytes | None) -> Organisation:
    """The administrator of an organisation sets (PNG or JPEG bytes) or removes (None) its logo, printed on
    its certificates. ValidationError on the field when the picture is refused or the disk is full."""
    from core import storage

    from . import logos

    if not actor.has_capability("accounts.manage_organisation"):
        record(actor, Action.PERMISSION_DENIED, object_type="accounts.organisation", reason="set the logo")
        raise PermissionDenied(_("Only an administrator of the organisation can change its logo."))
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    old = organisation.logo.name or ""
    new = ""
    if content is not None:
        try:
            new = logos.store(logos.normalised_png(content))
        except logos.InvalidLogo as exc:
            raise ValidationError({"logo": str(exc)}) from exc
        except storage.StorageFullError as exc:
            raise ValidationError({"logo": storage.NO_ROOM_MESSAGE}) from exc
    organisation.logo.name = new
    organisation.save(update_fields=["logo"])
    record(actor, Action.UPDATE, organisation, fields=["logo"])
    if old and old != new:
        logos.remove(old)
    return organisation
