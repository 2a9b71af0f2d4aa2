"""Import jobs, saved mappings per organisation, and the rows already imported (idempotence)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedJSONField, EncryptedTextField


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("Mapping")
    READY = "ready", _("Ready to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One uploaded file on its way in: read, mapped, checked, imported. The file is kept encrypted until the
    import ends, then deleted."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    target = models.CharField(max_length=40, default="htcds_case")
    filename = EncryptedTextField(_("file name"))  # may be a person's name
    file_encrypted = models.BinaryField(default=b"", editable=False)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.MAPPING)
    header_row = models.IntegerField(default=0)  # 0-based index in the file
    # Encrypted: the mapping, the check's summary, problems and warnings quote cells of the partner's file.
    mapping: Any = EncryptedJSONField(default=dict, blank=True)  # {"columns": {col: field|"ignore"}, "values": {...}}
    decisions = models.JSONField(default=dict, blank=True)  # duplicates: {row: "new"|"skip"|"case:<id>"}
    summary: Any = EncryptedJSONField(default=dict, blank=True)  # counts, columns, distinct values of the last check
    errors: Any = EncryptedJSONField(default=list, blank=True)  # [{"row", "column", "code", "message"}]
    warnings: Any = EncryptedJSONField(default=list, blank=True)
    rows_total = models.IntegerField(default=0)
    rows_done = models.IntegerField(default=0)
    imported = models.IntegerField(default=0)
    created_ids = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation", "-id"], name="prot_importjob_org_id")]

    def __str__(self) -> str:
        return f"import #{self.pk}"

    @property
    def progress(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class SavedMapping(models.Model):
    """A mapping saved under a name for the next file from the same partner."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=40, default="htcds_case")
    name = models.CharField(_("name"), max_length=100)
    mapping: Any = EncryptedJSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "target", "name"],
                                               name="prot_savedmapping_org_name")]

    def __str__(self) -> str:
        return self.name


class ImportedRow(models.Model):
    """A source row already imported: its key (the source case code, or a hash of the row) and what it became,
    so importing the same file again creates nothing."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    target = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    object_id = models.BigIntegerField(null=True)
    job = models.ForeignKey(ImportJob, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "target", "key"],
                                               name="prot_importedrow_key")]

    def __str__(self) -> str:
        return f"imported row #{self.pk}"
