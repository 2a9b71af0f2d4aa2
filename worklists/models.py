"""Working in bulk: flags an organisation puts on cases and calls, and the searches a user saves on list pages.

A flag belongs to the organisation that set it and is seen by nobody else. A flag's note and a saved search's
name and filters are typed by staff and may name a person: encrypted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedJSONField, EncryptedTextField


class FlagKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Needs follow-up")
    SAFETY = "safety", _("Safety concern")
    SUPERVISOR = "supervisor", _("For the supervisor")
    DATA = "data", _("Data to check")


class ListName(models.TextChoices):
    """The list pages that offer bulk work and saved searches."""

    CASES = "cases", _("Cases")
    CALLS = "calls", _("Hotline calls")


class Flag(models.Model):
    """A marker on one case or call, seen only inside the organisation that set it, until it is cleared."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("flag"), max_length=16, choices=FlagKind.choices)
    note = EncryptedTextField(_("note"), blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        # the list pages ask "which of these rows carry my organisation's active flags" and filter by it
        indexes = [models.Index(fields=["organisation", "content_type", "object_id"], name="worklists_flag_target")]
        constraints = [models.UniqueConstraint(
            fields=["organisation", "content_type", "object_id", "kind"], condition=models.Q(cleared_at=None),
            name="worklists_one_active_flag_per_kind")]

    def __str__(self) -> str:
        return f"flag #{self.pk} ({self.kind}) on {self.content_type_id}:{self.object_id}"


class SavedSearch(models.Model):
    """A user's named set of filters for one list page; reopening it opens the list with those filters."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField(_("list"), max_length=16, choices=ListName.choices)
    name = EncryptedTextField(_("name"))
    params = EncryptedJSONField(default=dict)  # {filter name: value}, only the list's own filter names
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["user", "list_name"], name="worklists_search_user_list")]

    def __str__(self) -> str:
        return f"saved search #{self.pk} ({self.list_name})"

    @property
    def filters(self) -> dict[str, Any]:
        return dict(self.params) if isinstance(self.params, dict) else {}  # type: ignore[unreachable]
