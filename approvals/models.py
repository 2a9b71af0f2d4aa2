"""Approvals: a case worker's closure, support plan or transfer waits for a supervisor of the same organisation.

Which of the three need approval is set per organisation (all three by default). What was asked (the closure
reason, the transfer's reason) and the supervisor's comment are free text about a person: encrypted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import EncryptedJSONField, EncryptedTextField


class ApprovalKind(models.TextChoices):
    CASE_PLAN = "case_plan", _("Support plan")
    CLOSURE = "closure", _("Case closure")
    TRANSFER = "transfer", _("Transfer")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("approval", "Waiting for approval")
    APPROVED = "approved", pgettext_lazy("approval", "Approved")
    RETURNED = "returned", pgettext_lazy("approval", "Returned")


class ApprovalPolicy(models.Model):
    """What needs a supervisor's approval in one organisation. No row: everything does."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    case_plan = models.BooleanField(_("support plans"), default=True)
    closure = models.BooleanField(_("case closures"), default=True)
    transfer = models.BooleanField(_("transfers to another organisation"), default=True)

    def __str__(self) -> str:
        return f"approval policy of organisation #{self.organisation_id}"


class ApprovalRequest(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("protection.Case", on_delete=models.CASCADE, related_name="approval_requests")
    kind = models.CharField(_("what"), max_length=12, choices=ApprovalKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=ApprovalStatus.choices,
                              default=ApprovalStatus.PENDING)
    details = EncryptedJSONField(default=dict)  # closure: status, reason; transfer: organisation id, reason; plan: item
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = EncryptedTextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="approval_org_status")]

    def __str__(self) -> str:
        return f"approval request #{self.pk} ({self.kind}, {self.status})"

    @property
    def info(self) -> dict[str, Any]:
        """What was asked (the decrypted `details`)."""
        return dict(self.details) if isinstance(self.details, dict) else {}  # type: ignore[unreachable]
