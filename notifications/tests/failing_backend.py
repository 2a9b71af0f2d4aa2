"""An e-mail backend whose server is down: for the retry test."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("SMTP server down")
