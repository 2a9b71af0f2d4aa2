"""The end of a record's life: legal holds, erasure requests (GDPR Art. 17) and what each retention run did.

Holds and erasure requests point at a record of another module through its content type and id, so
one hold table serves cases, calls, observations and concerns. Nothing here copies personal data:
references are record codes, and reasons are encrypted because people write names into them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import EncryptedTextField


class RecordKind(models.TextChoices):
    """The record types the schedule, holds and erasure know about."""

    CASE = "case", pgettext_lazy("record type", "Protection case")
    CALL = "call", pgettext_lazy("record type", "Hotline call")
    OBSERVATION = "observation", pgettext_lazy("record type", "Field observation")
    CONCERN = "concern", pgettext_lazy("record type", "Public concern")
    TRAINING = "training", pgettext_lazy("record type", "Training event (external participants)")
    AUDIT = "audit", pgettext_lazy("record type", "Audit events")


class LegalHold(models.Model):
    """A record that must be kept past its retention (a court order, a pending claim). Lifted, never deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    kind = models.CharField(_("record type"), max_length=16, choices=RecordKind.choices)
    reference = models.CharField(_("record"), max_length=40)  # the record's code, e.g. IOM-2026-00042
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("owner organisation"))
    reason = EncryptedTextField(_("reason"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = EncryptedTextField(_("reason for lifting"), blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            # one active hold per record: a second one would have to be lifted separately and confuse people
            models.UniqueConstraint(fields=["content_type", "object_id"], condition=models.Q(lifted_at__isnull=True),
                                    name="retention_one_active_hold"),
        ]
        indexes = [
            # "is this record held?" during a run and on the overview
            models.Index(fields=["content_type", "object_id", "lifted_at"], name="retention_hold_target"),
            models.Index(fields=["organisation", "lifted_at"], name="retention_hold_org"),
        ]

    def __str__(self) -> str:
        return f"hold #{self.pk} on {self.kind} {self.reference}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class ErasureStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("erasure request", "Waiting for confirmation")
    DONE = "done", pgettext_lazy("erasure request", "Erased")
    REFUSED = "refused", pgettext_lazy("erasure request", "Refused")


class ErasureRequest(models.Model):
    """A data subject asked for a record to be erased. One person asks, a second confirms (or refuses)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    kind = models.CharField(_("record type"), max_length=16, choices=RecordKind.choices)
    reference = models.CharField(_("record"), max_length=40)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("owner organisation"))
    reason = EncryptedTextField(_("reason"))
    status = models.CharField(_("status"), max_length=16, choices=ErasureStatus.choices,
                              default=ErasureStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    refuse_reason = EncryptedTextField(_("reason for refusing"), blank=True)
    erased = models.JSONField(default=dict, blank=True)  # counts of what went, by kind of row: no values

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        indexes = [
            # the overview: an organisation's pending requests
            models.Index(fields=["organisation", "status"], name="retention_erasure_org_status"),
        ]

    def __str__(self) -> str:
        return f"erasure request #{self.pk} ({self.status})"


class RetentionRun(models.Model):
    """One pass of the schedule: how many records of each type were removed or anonymised, and how many
    were held back. Counts and record codes only."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    counts = models.JSONField(default=dict, blank=True)  # kind -> records removed or anonymised, all organisations
    by_organisation = models.JSONField(default=dict, blank=True)  # organisation id -> {kind -> count}
    held = models.JSONField(default=list, blank=True)  # [{kind, reference, organisation}] of held records skipped
    error = models.CharField(max_length=200, blank=True)  # the exception's class name, never its text

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"retention run #{self.pk}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def counts_for(self, organisation_id: int | None) -> dict[str, int]:
        """Counts of one organisation (None: all organisations, and the audit log)."""
        if organisation_id is None:
            return dict(self.counts)
        return dict(self.by_organisation.get(str(organisation_id), {}))

    def held_for(self, organisation_id: int | None) -> list[dict[str, Any]]:
        return [h for h in self.held if organisation_id is None or h.get("organisation") == organisation_id]


class AnonymisedRecord(models.Model):
    """A record the schedule anonymised rather than deleted (closed cases), so the next run skips it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    run = models.ForeignKey(RetentionRun, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"],
                                               name="retention_anonymised_once")]

    def __str__(self) -> str:
        return f"anonymised {self.content_type_id}:{self.object_id}"
