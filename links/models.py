"""Entity mentions from other modules' records, the entities they resolve to, and what analysts decided.

Nothing here holds a plain identifier: mention values are encrypted, exact identifiers
(phone, plate, document, account) carry a blind index, and person names carry only
keyed hashes of their script-independent match keys (used to find candidates without
decrypting; the fuzzy comparison itself decrypts in memory inside the matching task).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import BlindIndexField, EncryptedTextField


class MentionKind(models.TextChoices):
    PERSON = "person", _("Person")
    PHONE = "phone", _("Phone")
    VEHICLE = "vehicle", _("Vehicle")
    ORGANISATION = "organisation", _("Organisation")
    ADDRESS = "address", _("Address")
    ACCOUNT = "account", _("Online account")
    DOCUMENT = "document", _("Document")


class Entity(models.Model):
    """One real-world person, phone, vehicle, account... that several mentions refer to.

    Exact identifiers have `key_index` (the blind index shared by all their mentions);
    people are clusters built by the matcher and analysts' decisions.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=MentionKind.choices)
    key_index = BlindIndexField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        indexes = [models.Index(fields=["kind", "key_index"], name="links_entity_kind_key")]
        constraints = [
            # one entity per exact identifier, even under concurrent saves (get_or_create retries the get)
            models.UniqueConstraint(fields=["kind", "key_index"], condition=~models.Q(key_index=""),
                                    name="links_entity_unique_identifier"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Mention(models.Model):
    """A person, phone, vehicle... as recorded in one source record of another module."""

    source_type = models.CharField(max_length=64)
    source_id = models.BigIntegerField()
    owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"),
    )
    occurred_at = models.DateTimeField(_("when"))
    place = EncryptedTextField(_("place"), blank=True)
    place_index = BlindIndexField()
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=MentionKind.choices)
    value = EncryptedTextField(_("value"))
    extra = EncryptedTextField(_("details"), blank=True)  # JSON of the Mention.extra dict
    value_index = BlindIndexField()  # exact identifiers: blind index of the normalised value
    entity = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"], name="links_mention_source"),
            models.Index(fields=["kind", "value_index"], name="links_mention_kind_value"),
            models.Index(fields=["owner_organisation", "kind"], name="links_mention_owner_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} mention #{self.pk} in {self.source_type}:{self.source_id}"


class NameKey(models.Model):
    """A keyed hash of one match key of a person mention (script-independent surname key, etc.).

    Lets the incremental matcher find candidates with an indexed equality lookup
    without storing the name, or any transliteration of it, in the clear.
    """

    mention = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="name_keys")
    key = BlindIndexField()

    class Meta:
        indexes = [models.Index(fields=["key", "mention"], name="links_namekey_key")]

    def __str__(self) -> str:
        return f"name key of mention #{self.mention_id}"


class MatchStatus(models.TextChoices):
    AUTO = "auto", _("Linked automatically")
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class MatchPair(models.Model):
    """Two person mentions the matcher scored, and what an analyst decided about them.

    Decisions are kept: a rejected pair is never proposed again and never linked
    automatically; a confirmed pair is always linked. Reverting a decision puts the
    pair back to what the matcher said.
    """

    left = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Mention, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"), default=0.0)
    status = models.CharField(_("status"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    matcher_status = models.CharField(max_length=16, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["left", "right"], name="links_pair_unique")]
        indexes = [models.Index(fields=["status"], name="links_pair_status")]

    def __str__(self) -> str:
        return f"pair {self.left_id}-{self.right_id} ({self.status})"

    @property
    def is_decided(self) -> bool:
        return self.status in (MatchStatus.CONFIRMED, MatchStatus.REJECTED)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


STAGE_LABELS = {
    "decrypting": _("Reading mentions"), "training": _("Training the model"), "scoring": _("Scoring pairs"),
    "linking": _("Linking identities"), "alerts": _("Checking for alerts"),
}


class MatchRun(models.Model):
    """One full or incremental matching run, with progress for the page that shows it."""

    full = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(max_length=64, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    pairs_found = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    engine = models.CharField(max_length=16, default="duckdb")
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"match run #{self.pk} ({self.status})"

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))

    @property
    def percent(self) -> int:
        if self.status == RunStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Alert(models.Model):
    """A new mention matched an entity already seen in other reports; for the owning agency's analysts."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="alerts")
    trigger = models.ForeignKey(Mention, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    evidence = models.ManyToManyField(Mention, related_name="alerts")
    record_count = models.PositiveIntegerField(default=0)
    place_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "entity"], name="links_alert_org_entity")]

    def __str__(self) -> str:
        return f"alert #{self.pk} ({self.status})"


class MatchModel(models.Model):
    """One version of the person matcher's parameters, trained from the mentions (links.training).

    The newest version is the one every matching path uses; older ones stay for comparison. Holds only
    probabilities measured over all mentions and counts, nothing about any one person.
    """

    version = models.PositiveIntegerField(_("version"), unique=True)
    # {"comparisons": {column: [[m, u], ... one per level, the last for "else"]}}
    parameters = models.JSONField(_("parameters"))
    mentions = models.PositiveIntegerField(_("mentions trained on"), default=0)
    data_from = models.DateTimeField(_("earliest mention"), null=True, blank=True)
    data_to = models.DateTimeField(_("latest mention"), null=True, blank=True)
    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("matching model")

    def __str__(self) -> str:
        return f"matching model v{self.version}"
