"""Forms for signing in, MFA, tokens and managing users."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .logos import LogoField
from .models import User
from .roles import Role


class SignInForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}))
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20, help_text=_("The 6-digit code the app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReplaceAuthenticatorForm(forms.Form):
    """Moving to a new phone: the current authenticator (or a recovery code) vouches for the new one,
    so that someone holding an open session alone cannot swap the second factor."""

    current_code = forms.CharField(
        label=_("Code from your current authenticator"), max_length=20,
        help_text=_("Or one of your recovery codes, if the old phone is gone."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    code = forms.CharField(
        label=_("Code from the new authenticator"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100,
                           help_text=_("What will use it, for example “mobile client” or “nightly export”."))


class UserForm(forms.ModelForm):  # type: ignore[type-arg]
    # A new account starts with no role chosen: one careless click must not make an administrator.
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Role.choices],
                             error_messages={"required": _("Choose the person's role.")})

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "position", "role"]
        labels = {"username": _("Username"), "first_name": _("First name"), "last_name": _("Last name"),
                  "email": _("E-mail"), "position": _("Position")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.fields["username"].help_text = ""  # rules for a new name mean nothing on a fixed one


class OrganisationLogoForm(forms.Form):
    logo = LogoField(label=_("Logo"))
