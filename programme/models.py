"""The project's results framework: targets per activity. Achievements are computed from the
training (and protection) data, never typed in, so the numbers cannot drift from the records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    EVENTS = "events", _("Events held")
    PARTICIPANTS = "participants", _("Participants trained")
    LEARNERS = "learners", _("Learners who completed")
    COUNTRIES = "countries", _("Countries visited")
    RETURNS = "returns", _("Victims assisted to return safely")


class Target(models.Model):
    """One number the donor asks for: e.g. 15 one-day trainings, 300 participants."""

    activity = models.CharField(_("activity"), max_length=32, help_text=_("A training activity code, or safe_return."))
    measure = models.CharField(_("measure"), max_length=16, choices=Measure.choices)
    value = models.PositiveIntegerField(_("target"))
    detail = models.CharField(
        _("detail"), max_length=200, blank=True, help_text=_("For study visits: the countries, comma-separated.")
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "measure"], name="programme_target_once")]

    def __str__(self) -> str:
        return f"{self.activity} {self.measure} {self.value}"
