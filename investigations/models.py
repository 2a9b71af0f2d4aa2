"""The registry of criminal cases held by the police and the Border Guard.

An investigation is seen only by the agency that owns it and the organisations it shares it
with (one InvestigationShare row each). Victims' and suspects' names are encrypted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
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
    gettext_noop("Prostitution of a minor: inducing, facilitating or profiting (prostytucja małoletniego)"),
    gettext_noop("Illegal adoption for profit (nielegalna adopcja)"),
    gettext_noop("Organising illegal border crossing (organizowanie nielegalnego przekroczenia granicy)"),
    gettext_noop("Enabling illegal stay for profit (umożliwienie nielegalnego pobytu)"),
    gettext_noop("Employing a foreigner staying illegally in particularly exploitative conditions "
                 "(powierzenie pracy w warunkach szczególnego wykorzystania)"),
]


def offence_name(name: str) -> str:
    """An offence's name in the current language where it is one of the seeded names."""
    return gettext(name) if name in SEEDED_OFFENCE_NAMES else name


class Act(models.TextChoices):
    """The law an offence's article belongs to; most are in the Penal Code."""

    PENAL_CODE = "kk", _("Penal Code")
    FOREIGNERS_WORK_2012 = "foreigners_work_2012", _("Act of 15 June 2012 on employing foreigners staying illegally")
    OTHER = "other", pgettext_lazy("law", "Another act")


class Offence(models.Model):
    """An offence: an article of the Polish Penal Code or of another act (an editable list)."""

    act = models.CharField(_("act"), max_length=24, choices=Act.choices, default=Act.PENAL_CODE)
    article = models.CharField(_("article"), max_length=20, help_text=_("For example 189a or 204 §3."))
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["act", "article"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")
        constraints = [models.UniqueConstraint(fields=["act", "article"], name="inv_offence_act_article")]

    def __str__(self) -> str:
        return f"art. {self.article}{self.act_suffix} — {self.display_name}"

    @property
    def display_name(self) -> str:
        return offence_name(self.name)

    @property
    def act_suffix(self) -> str:
        """Nothing for the Penal Code (most offences), else the act in brackets."""
        return "" if self.act == Act.PENAL_CODE else f" ({self.get_act_display()})"

    @property
    def key(self) -> str:
        """A short unique reference for statistics: the article alone for the Penal Code."""
        return offence_key(self.act, self.article)


def offence_key(act: str, article: str) -> str:
    return article if act == Act.PENAL_CODE else f"{act}:{article}"


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
                                verbose_name=_("main offence"))
    # the further articles charged in the same proceedings (the main offence is not repeated here)
    other_offences = models.ManyToManyField(Offence, blank=True, related_name="+", verbose_name=_("other offences"))
    # the prosecutor's case-file number, a reference such as "PO I Ds 12.2026" (no personal data)
    case_file_number = models.CharField(_("case-file number (sygnatura)"), max_length=60, blank=True)
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

    def offences(self) -> list[Offence]:
        """The main offence first, then the others: Penal Code articles, then other acts'."""
        return [self.offence, *sorted(self.other_offences.all(),
                                      key=lambda o: (o.act != Act.PENAL_CODE, o.act, o.article))]


class StageChange(models.Model):
    """One step of the proceedings: the stage the case entered and the day it did (the stage timeline)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    entered_on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entered_on", "id"]

    def __str__(self) -> str:
        return f"{self.investigation_id} {self.stage} {self.entered_on}"


class InvestigationDocument(models.Model):
    """A file in the case file, stored encrypted under MEDIA_ROOT like a protection case's documents."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="documents")
    title = EncryptedTextField(_("title"))
    filename = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=80, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"document #{self.pk}"  # never the title


class InvestigationTask(models.Model):
    """Something to do in the proceedings by a date (a hearing, an expert opinion, a request abroad)."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(_("task"), max_length=200)
    due_on = models.DateField(_("deadline"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assigned to"))
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        indexes = [
            # open tasks by deadline (the case page, and reminders of what is due)
            models.Index(fields=["done_at", "due_on"], name="inv_task_open_due"),
        ]

    def __str__(self) -> str:
        return f"task #{self.pk}"  # never the title

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


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
