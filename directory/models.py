"""The directory of services (referral pathways), the resource library, and concerns reported by the public.

Services and resources are public information about organisations, not about people.
A concern holds what a member of the public wrote, so its text and contact are encrypted.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedTextField


class Voivodeship(models.TextChoices):
    """The 16 voivodeships (stored by name, so the directory does not wait for intake's Place records)."""

    DOLNOSLASKIE = "dolnośląskie", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie", "lubelskie"
    LUBUSKIE = "lubuskie", "lubuskie"
    LODZKIE = "łódzkie", "łódzkie"
    MALOPOLSKIE = "małopolskie", "małopolskie"
    MAZOWIECKIE = "mazowieckie", "mazowieckie"
    OPOLSKIE = "opolskie", "opolskie"
    PODKARPACKIE = "podkarpackie", "podkarpackie"
    PODLASKIE = "podlaskie", "podlaskie"
    POMORSKIE = "pomorskie", "pomorskie"
    SLASKIE = "śląskie", "śląskie"
    SWIETOKRZYSKIE = "świętokrzyskie", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "warmińsko-mazurskie", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", "zachodniopomorskie"


class ServiceType(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal_aid", _("Legal aid")
    MEDICAL = "medical", _("Medical help")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    HOTLINE = "hotline", _("Helpline")
    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    POLICE = "police", _("Police")


class Language(models.TextChoices):
    """Languages a service answers in (the public site's four, plus others often asked for)."""

    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")
    EN = "en", _("English")
    BE = "be", _("Belarusian")
    DE = "de", _("German")


class Audience(models.TextChoices):
    """Who a service is for."""

    EVERYONE = "everyone", _("Everyone")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    CHILDREN = "children", _("Children and young people")
    FAMILIES = "families", _("Families with children")
    WORKERS = "workers", _("Workers, including foreign workers")
    VICTIMS = "victims", _("People who may have been trafficked")


class Days(models.TextChoices):
    EVERY_DAY = "every_day", _("Every day")
    WEEKDAYS = "weekdays", _("Monday to Friday")
    MON_SAT = "mon_sat", _("Monday to Saturday")


def _codes(values: list[str] | tuple[str, ...]) -> str:
    """Multi-choice values stored as ',uk,ru,' so one `contains` lookup works on SQLite and PostgreSQL."""
    clean = [v for v in dict.fromkeys(values) if v]
    return f",{','.join(clean)}," if clean else ""


def _split(stored: str) -> list[str]:
    return [v for v in stored.split(",") if v]


class Service(models.Model):
    """A service people can be referred to, or can call: who runs it, where, when, in which languages, for whom."""

    name = models.CharField(_("name of the service"), max_length=200)
    name_pl = models.CharField(_("name in Polish"), max_length=200, blank=True)
    name_uk = models.CharField(_("name in Ukrainian"), max_length=200, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    provider = models.CharField(_("organisation that runs it"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="directory_services",
        verbose_name=_("member organisation in CTIMS"),
        help_text=_("Set when the provider uses CTIMS, so referrals can reach it inside the system."),
    )
    type = models.CharField(_("type"), max_length=32, choices=ServiceType.choices)
    summary_en = models.TextField(_("what it offers (English)"), blank=True)
    summary_pl = models.TextField(_("what it offers (Polish)"), blank=True)
    summary_uk = models.TextField(_("what it offers (Ukrainian)"), blank=True)
    summary_ru = models.TextField(_("what it offers (Russian)"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_alt = models.CharField(_("second phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    open_24_7 = models.BooleanField(_("open 24 hours, every day"), default=False)
    days = models.CharField(_("open on"), max_length=16, choices=Days.choices, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    languages = models.CharField(_("languages"), max_length=120, blank=True)
    audiences = models.CharField(_("who it serves"), max_length=200, blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True,
                                   help_text=_("Who can use it and what they need to bring, in plain words."))
    nationwide = models.BooleanField(_("serves all of Poland"), default=False)
    voivodeship = models.CharField(_("voivodeship"), max_length=32, choices=Voivodeship.choices, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    featured = models.BooleanField(_("show on the helplines page and leaflet"), default=False)
    order = models.PositiveSmallIntegerField(_("order among helplines"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo"), default=False, help_text=_("Invented for the demo; shown as 'demo'."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            # public search filters by type and voivodeship among active services
            models.Index(fields=["is_active", "type", "voivodeship"], name="directory_service_search"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return _split(self.languages)

    @language_list.setter
    def language_list(self, values: list[str]) -> None:
        self.languages = _codes(values)

    @property
    def audience_list(self) -> list[str]:
        return _split(self.audiences)

    @audience_list.setter
    def audience_list(self, values: list[str]) -> None:
        self.audiences = _codes(values)

    def language_labels(self) -> list[str]:
        names = dict(Language.choices)
        return [str(names.get(code, code)) for code in self.language_list]

    def audience_labels(self) -> list[str]:
        names = dict(Audience.choices)
        return [str(names.get(code, code)) for code in self.audience_list]

    def display_name(self, language: str | None = None) -> str:
        """The name in the reader's language when given, else the name as entered."""
        code = (language or get_language() or "en")[:2]
        return str(getattr(self, f"name_{code}", "") or self.name)

    def summary(self, language: str | None = None) -> str:
        """What the service offers, in the reader's language when written, else in English."""
        code = (language or get_language() or "en")[:2]
        return str(getattr(self, f"summary_{code}", "") or self.summary_en)

    def hours_label(self) -> str:
        """Opening hours in the reader's language, e.g. 'Monday to Friday, 10:00–16:00'."""
        if self.open_24_7:
            return str(_("24 hours, every day"))
        parts = []
        if self.days:
            parts.append(str(self.get_days_display()))
        if self.opens_at and self.closes_at:
            parts.append(f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}")
        return ", ".join(parts)

    def phones(self) -> list[str]:
        return [p for p in (self.phone, self.phone_alt) if p]

    def area_label(self) -> str:
        if self.nationwide:
            return str(_("All of Poland"))
        return ", ".join(p for p in (self.city, self.voivodeship) if p)


class ResourceKind(models.TextChoices):
    TRAINING = "training", _("Training")
    TRAINING_GUIDE = "training_guide", _("Training guide")
    TRAINER_MANUAL = "trainer_manual", _("Trainer's manual")
    HANDBOOK = "handbook", _("Handbook")
    GUIDANCE = "guidance", _("Guidance")
    E_LEARNING = "e_learning", _("E-learning")
    STUDY = "study", _("Study")


class ResourceAudience(models.TextChoices):
    LAW_ENFORCEMENT = "law_enforcement", _("Police and Border Guard")
    HEALTH = "health", _("Health workers")
    CASE_WORKERS = "case_workers", _("Case workers and NGOs")
    TRAINERS = "trainers", _("Trainers")
    COMMUNITIES = "communities", _("Communities and volunteers")
    PLANNERS = "planners", _("Programme managers")


class ShownTitle(NamedTuple):
    text: str
    language: str  # the language the text is in
    translated: bool  # False: the reader's language has no edition, the title as published is shown


class Resource(models.Model):
    """A guide, handbook or training in the resource library (the ones the working group named).

    `languages` lists the languages the resource exists in; `title_<code>` is its title in each of them
    (the edition's own title), so a reader sees the title in their language only where there is something to
    read in it, and otherwise the title as published, marked with its language."""

    title = models.CharField(_("title as published"), max_length=300)
    title_language = models.CharField(_("language of the title as published"), max_length=8, default="en",
                                      choices=[("en", "English"), ("pl", "Polski"), ("uk", "Українська"),
                                               ("ru", "Русский")])
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    title_pl = models.CharField(_("title in Polish"), max_length=300, blank=True)
    title_uk = models.CharField(_("title in Ukrainian"), max_length=300, blank=True)
    title_ru = models.CharField(_("title in Russian"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=ResourceKind.choices)
    languages = models.CharField(_("languages"), max_length=120, blank=True)
    audience = models.CharField(_("audience"), max_length=32, choices=ResourceAudience.choices)
    url = models.URLField(_("where to read or download it"), blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    @property
    def language_list(self) -> list[str]:
        return _split(self.languages)

    def language_labels(self) -> list[str]:
        names = dict(Language.choices)
        return [str(names.get(code, code)) for code in self.language_list]

    def title_in(self, language: str | None = None) -> ShownTitle:
        """The title to show a reader of `language` (default: the active one): the edition's title where the
        resource exists in that language, else the title as published (translated=False)."""
        code = (language or get_language() or "en").split("-")[0]
        if code == self.title_language:
            return ShownTitle(self.title, code, True)
        own = str(getattr(self, f"title_{code}", "") or "")
        if own and code in self.language_list:
            return ShownTitle(own, code, True)
        return ShownTitle(self.title, self.title_language, False)

    @property
    def shown_title(self) -> ShownTitle:
        return self.title_in()

    @property
    def url_host(self) -> str:
        """The site the link leads to, shown beside it so a reader knows where they will land."""
        return urlsplit(self.url).hostname or ""


class ConcernStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ESCALATED = "escalated", _("Escalated")
    TRIAGED = "triaged", _("Triaged")  # handled: no further action here (the retention schedule may remove it)


# Where a concern still waits for someone on the triage board.
OPEN_CONCERN_STATUSES = (ConcernStatus.NEW, ConcernStatus.ASSIGNED)


class ConcernReport(models.Model):
    """A concern sent from the public site, possibly anonymously. Lands on the receiving organisation's triage."""

    text = EncryptedTextField(_("what happened"))
    contact = EncryptedTextField(_("contact"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    voivodeship = models.CharField(_("voivodeship"), max_length=32, choices=Voivodeship.choices, blank=True)
    place = EncryptedTextField(_("place"), max_length=120, blank=True)  # may be a street or a workplace
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=ConcernStatus.choices, default=ConcernStatus.NEW)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="concerns",
                                     verbose_name=_("assigned organisation"))
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # triage, as for a call: who has it, and the protection case or investigation it was escalated to
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assigned to"))
    protection_case_id = models.IntegerField(null=True, blank=True)
    protection_case_code = models.CharField(max_length=40, blank=True)
    investigation = models.ForeignKey("investigations.Investigation", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [
            # the triage list: an organisation's concerns, new first, newest first
            models.Index(fields=["organisation", "status", "-received_at"], name="directory_concern_triage"),
        ]

    def __str__(self) -> str:
        return f"C-{self.pk}"

    @property
    def code(self) -> str:
        return f"C-{self.pk:05d}"

    @property
    def kind(self) -> str:
        return "concern"


class ConcernComment(models.Model):
    """A note between the people triaging a concern (like a comment on a call)."""

    concern = models.ForeignKey(ConcernReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"concern comment {self.pk}"


class ConcernAttempt(models.Model):
    """One try at sending a concern from an address (stored as a keyed hash), for the rate limit."""

    source = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # the rate limit counts one address's recent tries
            models.Index(fields=["source", "at"], name="directory_attempt_source_at"),
        ]

    def __str__(self) -> str:
        return f"attempt at {self.at:%Y-%m-%d %H:%M}"
