"""Helpers for the sign-in tests: the steps a browser takes, through the real views."""

from __future__ import annotations

import time

import pyotp
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import User
from conftest import TEST_PASSWORD


def post_password(client: Client, username: str, password: str = TEST_PASSWORD, ip: str = "192.0.2.10") -> object:
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def post_code(client: Client, code: str, ip: str = "192.0.2.10") -> object:
    return client.post(reverse("accounts:mfa_verify"), {"code": code}, REMOTE_ADDR=ip)


def enrol_authenticator(user: User) -> pyotp.TOTP:
    """Set up an authenticator for `user` as the enrolment page would; returns the phone's app."""
    enrolment = services.start_totp_enrolment(user)
    totp = pyotp.TOTP(enrolment.device.secret)
    services.confirm_totp_enrolment(user, enrolment.device, totp.now())
    return totp


def next_code(totp: pyotp.TOTP) -> str:
    """The code the app will show next: always newer than one already used."""
    return totp.at(time.time() + totp.interval)


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("core:home")).status_code == 200
