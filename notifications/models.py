"""Notifications: "something needs you" messages for staff, in the app and by e-mail.

A notification names a record only by its code or number and a link (URL name + argument); the text is
built from its kind when it is shown or sent, in the reader's language. Nothing about a victim is
stored or sent: no names, no free text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CASE_ASSIGNED = "case_assigned", _("Assigned to a case")
    CALL_ASSIGNED = "call_assigned", _("Assigned to a call or observation")
    REFERRAL_RECEIVED = "referral_received", _("Referral received")
    REFERRAL_ACCEPTED = "referral_accepted", _("Referral accepted")
    REFERRAL_DECLINED = "referral_declined", _("Referral declined")
    REFERRAL_COMPLETED = "referral_completed", _("Referral completed")
    TRANSFER_REQUESTED = "transfer_requested", _("Transfer requested")
    TRANSFER_ANSWERED = "transfer_answered", _("Transfer answered")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    APPROVAL_DECIDED = "approval_decided", _("Approval decided")
    REVIEW_DUE = "review_due", _("Case review due")
    REVIEW_OVERDUE = "review_overdue", _("Case review overdue")
    TASK_DUE = "task_due", _("Task due")
    TASK_OVERDUE = "task_overdue", _("Task overdue")
    ALERT_NEW = "alert_new", _("New alert")
    TRAINING_INVITATION = "training_invitation", _("Invitation to a training")
    TRIAGE_OVERDUE = "triage_overdue", _("Immediate danger waiting unassigned")


# Kinds sent by e-mail to someone who has not chosen yet: what needs an answer from them.
DEFAULT_EMAIL_KINDS = frozenset({
    Kind.CASE_ASSIGNED, Kind.REFERRAL_RECEIVED, Kind.TRANSFER_REQUESTED, Kind.APPROVAL_REQUESTED,
    Kind.APPROVAL_DECIDED, Kind.TRAINING_INVITATION, Kind.TRIAGE_OVERDUE,
})


class EmailStatus(models.TextChoices):
    NONE = "none", _("Not by e-mail")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    url_name = models.CharField(max_length=80)  # the record's page, e.g. "protection:case"
    url_arg = models.CharField(max_length=40, blank=True)  # its id
    reference = models.CharField(max_length=64, blank=True)  # its code or number (IOM-2026-00042), never a name
    key = models.CharField(max_length=120, blank=True)  # de-duplication of the daily reminders
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(max_length=8, choices=EmailStatus.choices, default=EmailStatus.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-id"], name="notif_recipient_unread")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], condition=~models.Q(key=""),
                                    name="notif_recipient_key"),
        ]

    def __str__(self) -> str:
        return f"notification #{self.pk} ({self.kind})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def link(self) -> str:
        try:
            return reverse(self.url_name, args=[self.url_arg] if self.url_arg else [])
        except NoReverseMatch:
            return ""


class EmailPreference(models.Model):
    """Which kinds of notification a user also gets by e-mail (every kind shows in the app)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kinds = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"e-mail preferences of user #{self.user_id}"
