"""Protection records: the person at risk, the screening, consent, the case and its referrals, return.

Identity lives on `Person`, encrypted; everything else knows the person by the case code. Free text
about the person's situation (notes, reasons, plans, outcomes, tasks, return details) is encrypted too
(core/tests/test_field_encryption_policy.py keeps it so).
Each record hangs off a `Case`, so one scoped query (`selectors.cases_visible_to`) decides who
may see any of it. Field names follow HTCDS where it has one (comments give the HTCDS name).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.fields import BlindIndexField, EncryptedDateField, EncryptedTextField

from . import choices
from .choices import (
    AgeRange,
    AssessmentLevel,
    CaseStatus,
    ConsentPurpose,
    DecisionMakingOrg,
    Gender,
    Recommendation,
    ReferralReason,
    ReferralStatus,
    ReturnStage,
    RiskLevel,
    Sensitivity,
    Strength,
    SupportType,
    TraffickingStatus,
)

REVIEW_MONTHS = 3  # "a review reminder every three months"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


class Person(models.Model):
    """A person at risk. Every identifying field is encrypted; lookups go through blind indexes."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("registering organisation"))
    first_name = EncryptedTextField(_("first name"), blank=True)  # prs_FirstName
    middle_name = EncryptedTextField(_("middle name"), blank=True)  # prs_MiddleName
    second_name = EncryptedTextField(_("surname"), blank=True)  # prs_SecondName
    other_names = EncryptedTextField(_("other names or spellings"), blank=True)
    birth_date = EncryptedDateField(_("date of birth"), blank=True, null=True)  # prs_Birthdate
    citizenship = EncryptedTextField(_("citizenship"), blank=True)  # prs_Citizenship, ISO 3166 codes ;-joined
    primary_language = EncryptedTextField(_("first language"), blank=True)  # prs_PrimaryLanguage
    secondary_language = EncryptedTextField(_("other language"), blank=True)  # prs_SecondaryLanguage
    mobile_phone = EncryptedTextField(_("mobile phone"), blank=True)  # prs_MobilePhone
    email = EncryptedTextField(_("email"), blank=True)  # prs_Email
    address = EncryptedTextField(_("address"), blank=True)  # prs_MailingStreet and city, as written
    identity_number = EncryptedTextField(_("passport or identity document number"), blank=True)  # prs_IdentityNumber
    gender = models.CharField(_("gender"), max_length=24, choices=Gender.choices,
                              default=Gender.UNKNOWN)  # prs_Gender
    age_range = models.CharField(_("age range"), max_length=8, choices=AgeRange.choices, default=AgeRange.UNKNOWN)
    phone_index = BlindIndexField()
    document_index = BlindIndexField()
    # Close matches across scripts: keyed hash of the transliterated name skeleton, and of the birth date.
    name_index = BlindIndexField()
    birth_index = BlindIndexField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    IDENTITY_FIELDS = ("first_name", "middle_name", "second_name", "other_names", "birth_date", "citizenship",
                       "primary_language", "secondary_language", "mobile_phone", "email", "address",
                       "identity_number")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            # duplicate check on registration: exact identifiers and close names within one organisation
            models.Index(fields=["organisation", "phone_index"], name="prot_person_org_phone"),
            models.Index(fields=["organisation", "document_index"], name="prot_person_org_doc"),
            models.Index(fields=["organisation", "name_index"], name="prot_person_org_name"),
            models.Index(fields=["organisation", "birth_index"], name="prot_person_org_birth"),
        ]

    def __str__(self) -> str:
        return f"person #{self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.second_name) if p)

    @property
    def is_child(self) -> bool:
        return self.age_range in choices.CHILD_AGE_RANGES

    @property
    def has_identity(self) -> bool:
        return any(getattr(self, f) for f in self.IDENTITY_FIELDS)

    def citizenship_labels(self) -> list[str]:
        names = dict(choices.COUNTRIES)
        return [str(names.get(c, c)) for c in self.citizenship.split(";") if c]

    def language_labels(self) -> list[str]:
        names = dict(choices.LANGUAGES)
        return [str(names.get(code, code)) for code in (self.primary_language, self.secondary_language) if code]


class IndicatorSet(models.Model):
    """A list of indicators an administrator can load or edit (ILO, HTCDS, a national list)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(_("name in other languages"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("indicator set")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(self.names.get(get_language() or "en") or self.name)


class IndicatorDimension(models.Model):
    """A group of indicators within a set (e.g. 'coercion at destination')."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator_set__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["indicator_set", "code"], name="prot_dimension_code")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(self.names.get(get_language() or "en") or self.name)


class Indicator(models.Model):
    """One observable sign. `htcds_field`/`htcds_value` say where it lands in an HTCDS export."""

    dimension = models.ForeignKey(IndicatorDimension, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(default=dict, blank=True)
    hint = models.CharField(_("hint"), max_length=300, blank=True)
    hints = models.JSONField(default=dict, blank=True)
    strength = models.CharField(_("strength"), max_length=8, choices=Strength.choices, default=Strength.MEDIUM)
    htcds_field = models.CharField(max_length=60, blank=True)
    htcds_value = models.CharField(max_length=80, blank=True)
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension__indicator_set__order", "dimension__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="prot_indicator_code")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(self.names.get(get_language() or "en") or self.name)

    @property
    def hint_text(self) -> str:
        return str(self.hints.get(get_language() or "en") or self.hint)


class CaseCounter(models.Model):
    """The last sequence number used for an organisation's case codes in a year."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="prot_counter_org_year")]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class Case(models.Model):
    """The protection case of one person, owned by one organisation (HTCDS case)."""

    code = models.CharField(_("case code"), max_length=32, unique=True)  # search by code: the unique index
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("owner organisation"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    case_worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("case worker"))  # cas_CaseOwner
    assigned_workers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                              verbose_name=_("assigned workers"))
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices,
                              default=CaseStatus.ACTIVE)  # cas_Status
    sensitivity = models.CharField(_("sensitivity"), max_length=12, choices=Sensitivity.choices,
                                   default=Sensitivity.NORMAL)
    trafficking_status = models.CharField(_("trafficking status"), max_length=32, choices=TraffickingStatus.choices,
                                          blank=True)  # vic_TraffickingStatus, copied from the latest identification
    exploitation_types = models.CharField(_("types of exploitation"), max_length=200, blank=True)  # ;-joined HTCDS
    labour_industry = models.CharField(_("forced labour industry"), max_length=60,
                                       choices=choices.LabourIndustry.choices, blank=True)  # vic_ForcedLabourIndustry
    country_of_exploitation = models.CharField(_("country of exploitation"), max_length=2, blank=True,
                                               choices=choices.COUNTRIES)
    # HTCDS multi-select picklists, ;-joined value names (vic_MethodsOfControl, vic_MethodOfRecruitment,
    # vic_TypeOfSexExploitation) and vic_RelationshipToTrafficker
    methods_of_control = models.CharField(_("methods of control"), max_length=400, blank=True)
    recruitment_methods = models.CharField(_("methods of recruitment"), max_length=400, blank=True)
    sex_exploitation_types = models.CharField(_("types of sexual exploitation"), max_length=200, blank=True)
    relationship_to_trafficker = models.CharField(_("relationship to the trafficker"), max_length=16, blank=True,
                                                  choices=choices.RelationshipToTrafficker.choices)
    summary = EncryptedTextField(_("summary"), blank=True)
    closure_reason = EncryptedTextField(_("reason for case closure"), blank=True)  # cas_ReasonForCaseClosure
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    next_review_due = models.DateField(_("next review due"))
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    source_type = models.CharField(max_length=40, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # "my organisation's cases", newest first, paged by id (keyset)
            models.Index(fields=["organisation", "-id"], name="prot_case_org_id"),
            # the same list filtered by status
            models.Index(fields=["organisation", "status", "-id"], name="prot_case_org_status_id"),
            # "my cases": the case worker's list
            models.Index(fields=["case_worker", "-id"], name="prot_case_worker_id"),
            # overdue reviews of an organisation
            models.Index(fields=["organisation", "next_review_due"], name="prot_case_org_review"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_country_of_exploitation_display(self) -> str:  # type: ignore[no-redef]
        # Django's own builds a dict of all ~250 choices, translating every country name, for one label
        return choices.country_label(self.country_of_exploitation)

    @property
    def is_open(self) -> bool:
        return self.status in choices.OPEN_STATUSES

    @property
    def review_overdue(self) -> bool:
        return self.is_open and self.next_review_due < timezone.localdate()

    @property
    def exploitation_list(self) -> list[str]:
        return [v for v in self.exploitation_types.split(";") if v]

    def exploitation_labels(self) -> list[str]:
        labels = dict(choices.ExploitationType.choices)
        return [str(labels.get(v, v)) for v in self.exploitation_list]


class Screening(models.Model):
    """A guided screening against indicator sets. Explains itself; never a single score."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screenings")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    screened_at = models.DateTimeField(default=timezone.now)
    observed = models.ManyToManyField(Indicator, blank=True, related_name="+")
    recommendation = models.CharField(max_length=24, choices=Recommendation.choices)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-screened_at", "-id"]

    def __str__(self) -> str:
        return f"screening #{self.pk}"


class Identification(models.Model):
    """A decision on trafficking status (HTCDS vic_TraffickingStatus) and who took it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identifications")
    status = models.CharField(_("trafficking status"), max_length=32, choices=TraffickingStatus.choices)
    decision_org_type = models.CharField(_("type of deciding organisation"), max_length=40,
                                         choices=DecisionMakingOrg.choices)  # vic_TraffickingStatusDecisionMakingOrg
    deciding_organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+",
                                              verbose_name=_("deciding organisation"))
    decided_on = models.DateField(_("date of decision"))
    basis = EncryptedTextField(_("basis for the decision"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-id"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class Consent(models.Model):
    """Consent for one purpose, with the HTCDS consent checks (con_Consent guidance). Withdrawable."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=12, choices=ConsentPurpose.choices)
    shared_with = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("share with"))
    # or a service from the directory outside CTIMS (the person is told its name); one of the two, never both
    shared_with_service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+", verbose_name=_("share with a service"))
    parts = models.JSONField(_("parts that may be shared"), default=list, blank=True)
    informed_purpose = models.BooleanField(_("informed of the purpose"), default=False)
    informed_uses = models.BooleanField(_("informed of the actual and potential uses of the data"), default=False)
    informed_research = models.BooleanField(_("informed of the use of non-identifying data for research"),
                                            default=False)
    informed_access = models.BooleanField(_("informed of the right to see their data at any time"), default=False)
    informed_retention = models.BooleanField(_("informed how long the data will be kept"), default=False)
    informed_withdrawal = models.BooleanField(_("informed how to withdraw consent"), default=False)
    language = models.CharField(_("language consent was taken in"), max_length=8, choices=choices.LANGUAGES)
    is_child = models.BooleanField(_("the person is a child"), default=False)
    child_assent = models.BooleanField(_("the child assents"), default=False)
    guardian_name = EncryptedTextField(_("guardian's name"), blank=True)
    guardian_relationship = EncryptedTextField(_("guardian's relationship to the child"), max_length=80, blank=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    taken_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    CHECKS = ("informed_purpose", "informed_uses", "informed_research", "informed_access", "informed_retention",
              "informed_withdrawal")

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [
            # "is there active sharing consent for this organisation?" when a referral is sent
            models.Index(fields=["case", "purpose", "shared_with"], name="prot_consent_case_purpose"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def part_labels(self) -> list[str]:
        labels = dict(choices.CasePart.choices)
        return [str(labels.get(p, p)) for p in self.parts]

    @property
    def shared_with_label(self) -> str:
        if self.shared_with_service_id is not None:
            service = self.shared_with_service
            return f"{service.display_name()} ({service.provider})" if service else ""
        return str(self.shared_with or "")


class Assessment(models.Model):
    """Needs and risk at one level (HTCDS assessment and planning: individual, household, community)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    level = models.CharField(_("level"), max_length=12, choices=AssessmentLevel.choices)
    risk = models.CharField(_("risk"), max_length=8, choices=RiskLevel.choices)
    needs = EncryptedTextField(_("needs and risks found"))
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-assessed_on", "-id"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class SupportPlanItem(models.Model):
    """One line of the support plan (HTCDS spl_)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_items")
    type = models.CharField(_("type of support"), max_length=40, choices=SupportType.choices)  # spl_Type
    objectives = EncryptedTextField(_("objectives"))  # spl_Objectives
    action_plan = EncryptedTextField(_("action plan"), blank=True)  # spl_ActionPlan
    planned_end_date = models.DateField(_("planned end date"), null=True, blank=True)  # spl_PlannedEndDate
    actual_end_date = models.DateField(_("actual end date"), null=True, blank=True)  # spl_ActualEndDate

    class Meta:
        ordering = ["id"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class ServiceDelivered(models.Model):
    """A service the person received: type, provider, dates and outcome."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    type = models.CharField(_("type of support"), max_length=40, choices=SupportType.choices)
    provider = EncryptedTextField(_("provider"), max_length=200)  # where the person was helped: a shelter's name
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # the owner, or the receiving organisation of an accepted referral that covers services
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("recorded by organisation"))

    class Meta:
        ordering = ["-started_on", "-id"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class CaseNote(models.Model):
    """A case comment (HTCDS cco_CaseComment); encrypted because notes name people and places."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # the owner, or the receiving organisation of an accepted referral that covers services
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("recorded by organisation"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class CaseDocument(models.Model):
    """An uploaded file, stored encrypted under MEDIA_ROOT and served only by a checked view."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
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
        return f"{self._meta.model_name} #{self.pk}"
class CaseTask(models.Model):
    """Something to do on a case by a date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(_("task"), max_length=200)  # "Go with her to the hearing on..."
    due_on = models.DateField(_("due date"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assigned to"))
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        indexes = [
            # the overdue list: open tasks by due date
            models.Index(fields=["done_at", "due_on"], name="prot_task_open_due"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class Referral(models.Model):
    """A referral to another organisation, carrying only the parts its consent covers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("referring organisation"))  # cas_ReferringOrganisation
    to_organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+",
                                        verbose_name=_("referred organisation"))  # cas_ReferredOrganisation
    # An external referral: a directory service with no CTIMS account. It grants no access in CTIMS; the
    # referring case worker records its statuses.
    to_service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("referred service"))
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    parts = models.JSONField(default=list)
    reason = models.CharField(_("reason for referral"), max_length=40,
                              choices=ReferralReason.choices)  # cas_ReasonForOutgoingReferral
    details = EncryptedTextField(_("referral details"), blank=True)  # cas_OutgoingReferralDetails
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)  # cas_OutgoingReferralDate
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = EncryptedTextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            # "shared with us": cases referred to an organisation, by referral status
            models.Index(fields=["to_organisation", "status", "case"], name="prot_referral_to_status"),
            models.Index(fields=["from_organisation", "-sent_at"], name="prot_referral_from"),
        ]
        constraints = [
            # to an organisation in CTIMS or to a directory service outside it, exactly one
            models.CheckConstraint(
                condition=(models.Q(to_organisation__isnull=False, to_service__isnull=True)
                           | models.Q(to_organisation__isnull=True, to_service__isnull=False)),
                name="prot_referral_one_receiver"),
        ]

    def __str__(self) -> str:
        return f"referral #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in choices.ACTIVE_REFERRAL_STATUSES

    @property
    def is_external(self) -> bool:
        """Sent to a directory service outside CTIMS: the referring case worker records its steps."""
        return self.to_service_id is not None

    @property
    def receiver_label(self) -> str:
        if self.to_service_id is not None:
            service = self.to_service
            return f"{service.display_name()} ({service.provider})" if service else ""
        return str(self.to_organisation or "")

    def part_labels(self) -> list[str]:
        labels = dict(choices.CasePart.choices)
        return [str(labels.get(p, p)) for p in self.parts]


class TransferStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("transfer", "Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("transfer", "Accepted")
    REFUSED = "refused", pgettext_lazy("transfer", "Refused")


class Transfer(models.Model):
    """Ownership of a case moved from one organisation to another."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason for transfer"))
    transferred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+")
    transferred_at = models.DateTimeField(default=timezone.now)
    # The receiving organisation accepts (ownership moves then) or refuses (with its reason).
    status = models.CharField(_("status"), max_length=12, choices=TransferStatus.choices,
                              default=TransferStatus.PENDING)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    refuse_reason = EncryptedTextField(_("reason for refusing"), blank=True)

    class Meta:
        ordering = ["-transferred_at"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class ReturnAndReintegration(models.Model):
    """A voluntary return plan and the reintegration that follows, one per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="return_plan")
    stage = models.CharField(_("stage"), max_length=16, choices=ReturnStage.choices, default=ReturnStage.PLANNING)
    country_of_origin = models.CharField(_("country of origin"), max_length=2, choices=choices.COUNTRIES)
    place_of_origin = EncryptedTextField(_("place of origin"), blank=True)
    travel_date = models.DateField(_("travel date"), null=True, blank=True)
    escort = models.BooleanField(_("escorted travel"), default=False)
    escort_details = EncryptedTextField(_("escort"), max_length=200, blank=True)
    documents = EncryptedTextField(_("travel documents"), max_length=300, blank=True)
    receiving_partner = EncryptedTextField(_("receiving partner"), max_length=200, blank=True)
    # pre-departure checklist
    check_consent = models.BooleanField(_("return consent recorded"), default=False)
    check_risk_assessment = models.BooleanField(_("risk assessment in the country of origin done"), default=False)
    check_documents = models.BooleanField(_("travel documents ready"), default=False)
    check_medical = models.BooleanField(_("fit to travel"), default=False)
    check_partner = models.BooleanField(_("receiving partner confirmed"), default=False)
    check_family = models.BooleanField(_("family informed, if the person wishes"), default=False)
    returned_on = models.DateField(_("arrival date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    CHECKS = ("check_consent", "check_risk_assessment", "check_documents", "check_medical", "check_partner",
              "check_family")

    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"

    def get_country_of_origin_display(self) -> str:  # type: ignore[no-redef]
        return choices.country_label(self.country_of_origin)  # one name translated, not all (see Case)

    @property
    def checklist_done(self) -> bool:
        return all(getattr(self, c) for c in self.CHECKS)

    def checklist(self) -> list[tuple[str, bool]]:
        return [(str(self._meta.get_field(c).verbose_name), bool(getattr(self, c)))  # type: ignore[union-attr]
                for c in self.CHECKS]


class ReintegrationAssistance(models.Model):
    """One item of reintegration assistance: type, amount, currency, date."""

    plan = models.ForeignKey(ReturnAndReintegration, on_delete=models.CASCADE, related_name="assistance")
    type = models.CharField(_("type of support"), max_length=40, choices=SupportType.choices)
    description = EncryptedTextField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    given_on = models.DateField(_("date"))

    class Meta:
        ordering = ["given_on", "id"]



    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"
class MonitoringVisit(models.Model):
    """A follow-up visit 3, 6 or 12 months after return."""

    plan = models.ForeignKey(ReturnAndReintegration, on_delete=models.CASCADE, related_name="visits")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("visit date"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["months"]
        constraints = [models.UniqueConstraint(fields=["plan", "months"], name="prot_visit_plan_months")]

    def __str__(self) -> str:
        return f"{self._meta.model_name} #{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


from .imports.models import ImportedRow, ImportJob, SavedMapping  # noqa: E402, F401  (import jobs)
