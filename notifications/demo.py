"""Demo notifications: the modules' demo loaders already notify through the services (referrals received,
assignments, approvals asked); here the daily reminders of reviews and tasks due and overdue run once."""

from __future__ import annotations

from core.demo import DemoContext

from .models import Notification
from .services import send_reminders


def load(ctx: DemoContext) -> None:
    send_reminders()
    ctx.say(f"notifications: {Notification.objects.count()} in the app (the bell in the header); e-mails in var/mail")
