"""Organisations, users, and what keeps their accounts safe: MFA, tokens, sessions (lockout: django-axes)."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField

from .roles import STAFF_ROLES, Role, capabilities_of


class OrganisationType(models.TextChoices):
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border Guard")
    IOM = "iom", _("IOM")
    NGO = "ngo", _("NGO")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    MIGRANT_ASSOCIATION = "migrant_association", _("Migrant association")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A member organisation. Every user belongs to exactly one; data is scoped by it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    name_language = models.CharField(_("language of the name as entered"), max_length=8, default="pl",
                                     choices=[("pl", "Polski"), ("en", "English"), ("uk", "Українська"),
                                              ("ru", "Русский")])
    # the name in the other interface languages; empty means "not translated": the entered name is shown,
    # marked with its own language (templatetag org_name)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_pl = models.CharField(_("name in Polish"), max_length=200, blank=True)
    name_uk = models.CharField(_("name in Ukrainian"), max_length=200, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    short_name_en = models.CharField(_("short name in English"), max_length=40, blank=True)
    short_name_pl = models.CharField(_("short name in Polish"), max_length=40, blank=True)
    short_name_uk = models.CharField(_("short name in Ukrainian"), max_length=40, blank=True)
    short_name_ru = models.CharField(_("short name in Russian"), max_length=40, blank=True)
    code = models.SlugField(
        _("code"), max_length=12, unique=True,
        help_text=_("Upper-case letters used in case codes, for example IOM or LS."),
    )
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    is_active = models.BooleanField(_("active"), default=True)
    # printed on the certificates of the organisation's events and courses; stored as a PNG that
    # accounts.services.set_organisation_logo re-encoded from the uploaded PNG or JPEG
    logo = models.ImageField(_("logo"), upload_to="accounts/logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_short_name()

    def _localised(self, base: str, language: str | None) -> tuple[str, bool]:
        """(text, translated?) for `base` ("name" or "short_name") in `language` (default: the active one)."""
        code = (language or get_language() or "en").split("-")[0]
        entered = str(getattr(self, base))
        if code == self.name_language:
            return entered, True
        value = str(getattr(self, f"{base}_{code}", "") or "")
        return (value, True) if value else (entered, False)

    def display_name(self, language: str | None = None) -> str:
        """The full name in the reader's language, else the name as entered."""
        return self._localised("name", language)[0]

    def display_short_name(self, language: str | None = None) -> str:
        """The short name in the reader's language (else the full one), else the short name as entered."""
        short, translated = self._localised("short_name", language)
        if translated and short:
            return short
        name, name_translated = self._localised("name", language)
        if name_translated:
            return name
        return short or name

    def name_is_translated(self, language: str | None = None) -> bool:
        return self._localised("name", language)[1]


class User(AbstractUser):
    """A person who signs in. Belongs to one organisation and holds one role."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.LEARNER)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Created by the demo data; may skip MFA in demo mode.")
    device_key_nonce = models.CharField(
        max_length=32, blank=True, editable=False,
        help_text="Mixed into the key of this user's drafts on devices (accounts.services.device_key); "
                  "renewed at sign-out, so a copy left on a device can no longer be read.")

    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def capabilities(self) -> frozenset[str]:
        return capabilities_of(self.role) if self.is_active else frozenset()

    def has_capability(self, capability: str) -> bool:
        """Whether the user's role allows `capability`. Scope is checked separately."""
        return capability in self.capabilities

    @property
    def is_staff_role(self) -> bool:
        """Staff roles handle personal data or administer the system; they must use MFA."""
        return self.role in STAFF_ROLES

    @property
    def has_mfa(self) -> bool:
        return self.totp_devices.filter(confirmed=True).exists()  # type: ignore[attr-defined]


class TOTPDevice(models.Model):
    """A time-based one-time-password secret (RFC 6238), enrolled by scanning a QR code."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="totp_devices")
    secret = EncryptedTextField()
    confirmed = models.BooleanField(default=False)
    last_used_step = models.BigIntegerField(default=0, help_text="Refuses a code replayed within its window.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"authenticator of {self.user_id} ({'confirmed' if self.confirmed else 'pending'})"


class RecoveryCode(models.Model):
    """A one-time code for when the authenticator is lost; stored hashed, like a password."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code of {self.user_id} ({'used' if self.used_at else 'unused'})"

    @staticmethod
    def hash(code: str) -> str:
        return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, help_text="First characters, to recognise a token in the list.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return "ctims_" + secrets.token_urlsafe(32)


class UserSession(models.Model):
    """Which session belongs to whom, so a deactivated user's sessions can all be ended."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of {self.user_id} since {self.created_at:%Y-%m-%d %H:%M}"
