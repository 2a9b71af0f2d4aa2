"""Differentially private releases and the privacy budget they spend.

A release is frozen: the noisy numbers are stored when it is made and shown from storage ever after,
so asking again cannot average the noise away. The releases of a dataset are its ledger: their ε (and
δ) add up (sequential composition) and may not pass the dataset's budget.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tables import DATASETS


class Mechanism(models.TextChoices):
    LAPLACE = "laplace", _("Laplace noise")
    GAUSSIAN = "gaussian", _("Gaussian noise")


DATASET_CHOICES = [(k, v) for k, v in DATASETS.items()]


class PrivacyBudget(models.Model):
    """How much privacy loss all releases of one dataset may spend together."""

    dataset = models.CharField(_("dataset"), max_length=32, choices=DATASET_CHOICES, unique=True)
    epsilon = models.FloatField(_("total ε"))
    delta = models.FloatField(_("total δ"), default=0.0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("privacy budget")
        verbose_name_plural = _("privacy budgets")

    def __str__(self) -> str:
        return f"{self.dataset} ε={self.epsilon}"


class Release(models.Model):
    """One released table: the query, the privacy loss, who released it, and the noisy numbers (frozen)."""

    dataset = models.CharField(_("dataset"), max_length=32, choices=DATASET_CHOICES)
    table = models.CharField(_("table"), max_length=40)
    query = models.JSONField(_("query"))
    mechanism = models.CharField(_("noise"), max_length=12, choices=Mechanism.choices)
    epsilon = models.FloatField("ε")
    delta = models.FloatField("δ", default=0.0)
    sensitivity = models.PositiveIntegerField(_("sensitivity"))
    scale = models.FloatField(_("noise scale"))
    rows = models.JSONField(_("rows"))  # [value, ...] in order
    columns = models.JSONField(_("columns"))
    values = models.JSONField(_("released values"))  # [[int, ...], ...]
    is_public = models.BooleanField(_("on the public statistics page"), default=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("released by"))
    released_by_name = models.CharField(max_length=150, blank=True)
    released_at = models.DateTimeField(_("released"), default=timezone.now)

    class Meta:
        ordering = ["-released_at", "-id"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        indexes = [models.Index(fields=["dataset", "released_at"], name="stats_release_dataset")]

    def __str__(self) -> str:
        return f"release #{self.pk} {self.table}"
