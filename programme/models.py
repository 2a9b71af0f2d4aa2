"""The project's results framework: targets per activity. Achievements are computed from the
training (and protection) data, never typed in, so the numbers cannot drift from the records."""

from __future__ import annotations

from django.conf import settings
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


# --- results framework (M&E): project → outcomes → outputs → indicators ----------------------------------


class Alignment(models.TextChoices):
    SDG_8_7 = "sdg_8_7", _("SDG target 8.7 (end forced labour, modern slavery and human trafficking)")
    SDG_16_2 = "sdg_16_2", _("SDG target 16.2 (end abuse, exploitation and trafficking of children)")
    NAP_PL = "nap_pl", _("Poland's National Action Plan against Trafficking in Human Beings")
    PALERMO = "palermo", _("Palermo Protocol")
    EU_DIRECTIVE = "eu_2011_36", _("Directive 2011/36/EU")


class Source(models.TextChoices):
    """Where an indicator's figures come from: computed from CTIMS records, or entered by hand with evidence."""

    MANUAL = "manual", _("Entered by hand, with evidence")
    TRAININGS_HELD = "trainings_held", _("One-day trainings held")
    WORKSHOPS_HELD = "workshops_held", _("Specialist workshops held")
    OFFICERS_TRAINED = "officers_trained", _("Officers trained in one-day trainings")
    WORKSHOP_PARTICIPANTS = "workshop_participants", _("Participants trained in workshops")
    ELEARNING = "elearning", _("E-learning completions")
    STUDY_VISITS = "study_visits", _("Study visits held")
    COMMUNITY_TRAININGS = "community_trainings", _("Trainings for migrant associations held")
    COMMUNITY_PARTICIPANTS = "community_participants", _("Migrant association members trained")
    KNOWLEDGE_GAIN = "knowledge_gain", _("Average knowledge gain (normalised, per cent)")
    SAFE_RETURNS = "safe_returns", _("Victims assisted to return safely")
    MONITORING = "reintegration_monitoring", _("Reintegration monitoring visits done")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("sex")
    ORGANISATION = "organisation", _("organisation")


class Project(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    donor = models.CharField(_("donor"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    alignments = models.JSONField(_("aligned with"), default=list, blank=True)  # Alignment values

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def alignment_labels(self) -> list[str]:
        labels = dict(Alignment.choices)
        return [str(labels.get(a, a)) for a in self.alignments]


class Outcome(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("outcome"), max_length=400)
    narrative = models.TextField(_("narrative"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="programme_outcome_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Output(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="outputs")
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("output"), max_length=400)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    """Measures an outcome (output empty) or an output."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    output = models.ForeignKey(Output, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("indicator"), max_length=400)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    period = models.CharField(_("period"), max_length=60, help_text=_("For example: 2022–2024, or yearly."))
    means_of_verification = models.CharField(_("means of verification"), max_length=400)
    disaggregations = models.JSONField(_("disaggregated by"), default=list, blank=True)  # Disaggregation values
    source = models.CharField(_("source"), max_length=32, choices=Source.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def level(self) -> str:
        return "output" if self.output_id else "outcome"


class ManualValue(models.Model):
    """A figure entered by hand for an indicator CTIMS cannot compute (for example a survey), with its evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="manual_values")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    by_sex = models.JSONField(_("by sex"), default=dict, blank=True)  # {"female": 3, "male": 4}
    # the evidence file, encrypted at rest (core.crypto.fernet) like case documents: a survey or report may name people
    evidence_storage = models.CharField(max_length=80, unique=True)
    evidence_type = models.CharField(max_length=100)
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_start}–{self.period_end}"
