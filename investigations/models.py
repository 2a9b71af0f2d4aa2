"""The registry of criminal cases held by the police and the Border Guard.

An investigation is seen only by the agency that owns it and the organisations it shares it
with (one InvestigationShare row each). Victims' and suspects' names are encrypted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField

# The names the 0002 migration seeds, so they read in every language; a name an administrator
# types stays as typed.
SEEDED_OFFENCE_NAMES = [
    gettext_noop("Trafficking in human beings (handel ludźmi)"),
    gettext_noop("Rape (zgwałcenie)"),
    gettext_noop("Sexual offences against minors (czyn seksualny wobec małoletniego)"),
    gettext_noop("Child sexual abuse material (treści pornograficzne z udziałem małoletniego)"),
    gettext_noop("Forced prostitution (doprowadzenie do uprawiania prostytucji)"),
    gettext_noop("Procuring (sutenerstwo, stręczycielstwo, kuplerstwo)"),
]


def offence_name(name: str) -> str:
    """An offence's name in the current language where it is one of the seeded names."""
    return gettext(name) if name in SEEDED_OFFENCE_NAMES else name


class Offence(models.Model):
    """An offence from the Polish Penal Code (an editable list)."""

    article = models.CharField(_("article"), max_length=20, unique=True, help_text=_("For example 189a."))
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["article"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self) -> str:
        return f"art. {self.article} — {self.display_name}"

    @property
    def display_name(self) -> str:
        return offence_name(self.name)


class Stage(models.TextChoices):
    VERIFICATION = "verification", _("Verification")
    PRE_TRIAL = "pre_trial", _("Pre-trial proceedings")
    INDICTMENT = "indictment", _("Indictment")
    TRIAL = "trial", _("Trial")
    CLOSED = "closed", _("Closed")


ACTIVE_STAGES = [Stage.VERIFICATION, Stage.PRE_TRIAL, Stage.INDICTMENT, Stage.TRIAL]


class Investigation(models.Model):
    """One criminal case: offence, stage, owning unit and prosecutor, the people and the reports."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("owning agency"))
    unit = models.CharField(_("owning unit"), max_length=160, blank=True)
    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="investigations",
                                verbose_name=_("offence"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.VERIFICATION)
    voivodeship = models.ForeignKey("intake.Place", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("voivodeship"))
    prosecutor_office = models.CharField(_("prosecutor's office"), max_length=160, blank=True)
    summary = EncryptedTextField(_("summary"), blank=True)
    opened_on = models.DateField(_("opened on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            # the dashboard: an agency's active cases by stage
            models.Index(fields=["organisation", "stage"], name="inv_org_stage"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        return self.stage != Stage.CLOSED


class InvestigationShare(models.Model):
    """The owning agency lets another organisation see this investigation."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["investigation", "organisation"], name="inv_share_unique")]

    def __str__(self) -> str:
        return f"{self.investigation_id} shared with {self.organisation_id}"


class PersonRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    SUSPECT = "suspect", _("Suspect")


class InvestigationPerson(models.Model):
    """A victim or a suspect; the victim may also have a protection case (by id, owned elsewhere)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("role"), max_length=8, choices=PersonRole.choices)
    name = EncryptedTextField(_("name"))
    protection_case_id = models.IntegerField(_("protection case"), null=True, blank=True)

    class Meta:
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return f"{self.role} {self.pk}"  # never the name


class LinkKind(models.TextChoices):
    CALL = "intake.hotlinecall", _("Hotline call")
    OBSERVATION = "intake.fieldobservation", _("Field observation")
    PROTECTION_CASE = "protection.case", _("Protection case")


class InvestigationLink(models.Model):
    """A report or case this investigation draws on, by type and id (the other side keeps its own link)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=32, choices=LinkKind.choices)
    object_id = models.IntegerField()
    label = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [models.UniqueConstraint(fields=["investigation", "kind", "object_id"], name="inv_link_unique")]
        indexes = [models.Index(fields=["kind", "object_id"], name="inv_link_source")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
