"""Intake: the places officers work at, hotline calls and field observations, and their triage.

A call or an observation belongs to the organisation that filed it. Identity data (contacts,
names, phones, plates, handles, free text) is encrypted; phones, plates and handles also get
a blind index so a repeat caller or a recurring driver is found without decryption.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import BlindIndexField, EncryptedTextField


class PlaceType(models.TextChoices):
    VOIVODESHIP = "voivodeship", _("Voivodeship")
    BCP = "bcp", _("Border crossing point")
    RP = "rp", _("Reception point")


class Place(models.Model):
    """A voivodeship (its hotline), a border crossing point or a reception point. Not personal data."""

    type = models.CharField(_("type"), max_length=16, choices=PlaceType.choices)
    name = models.CharField(_("name"), max_length=120)
    voivodeship = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="places",
        limit_choices_to={"type": PlaceType.VOIVODESHIP}, verbose_name=_("voivodeship"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["type", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [models.UniqueConstraint(fields=["type", "name"], name="intake_place_type_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def voivodeship_name(self) -> str:
        """The voivodeship this place lies in; a voivodeship is its own."""
        if self.type == PlaceType.VOIVODESHIP:
            return self.name
        return self.voivodeship.name if self.voivodeship_id and self.voivodeship else ""


class Language(models.TextChoices):
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    PL = "pl", _("Polish")
    EN = "en", _("English")
    OTHER = "other", _("Other")


class CallerType(models.TextChoices):
    POTENTIAL_VICTIM = "potential_victim", _("Potential victim")
    WITNESS = "witness", _("Witness")
    FAMILY = "family", _("Family member")
    PROFESSIONAL = "professional", _("Professional")
    ANONYMOUS = "anonymous", _("Anonymous")


class Topic(models.TextChoices):
    OFFER_TRANSPORT = "offer_transport", _("Suspicious offer of transport")
    OFFER_ACCOMMODATION = "offer_accommodation", _("Suspicious offer of accommodation")
    OFFER_WORK = "offer_work", _("Suspicious offer of work")
    EXPLOITATION_NOW = "exploitation_now", _("Exploitation happening now")
    MISSING_PERSON = "missing_person", _("Missing person")
    INFORMATION = "information", _("Information request")
    OTHER = "other", _("Other")


class Indicator(models.TextChoices):
    """Signs an operator or officer may notice (a short list from the forced-labour and THB indicators)."""

    DOCUMENTS_TAKEN = "documents_taken", _("Documents taken away")
    NOT_FREE_TO_LEAVE = "not_free_to_leave", _("Not free to leave")
    DEBT = "debt", _("Debt or unpaid wages")
    THREATS = "threats", _("Threats or violence")
    DECEPTION = "deception", _("Deceived about the job or conditions")
    ISOLATION = "isolation", _("Isolated, no phone or contact")
    MINOR = "minor", _("A child is involved")
    SEXUAL = "sexual", _("Sexual exploitation suspected")
    TOO_GOOD = "too_good", _("Offer too good to be true")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    IMMEDIATE_DANGER = "immediate_danger", _("Immediate danger")


class CallAction(models.TextChoices):
    ADVICE = "advice", _("Advice given")
    REFERRAL_KCIK = "referral_kcik", _("Referred to KCIK")
    REFERRAL_LA_STRADA = "referral_la_strada", _("Referred to La Strada")
    POLICE_NOTIFIED = "police_notified", _("Police notified")
    PROTECTION_CASE = "protection_case", _("Protection case opened")


class OfferType(models.TextChoices):
    TRANSPORT = "transport", _("Transport")
    ACCOMMODATION = "accommodation", _("Accommodation")
    WORK = "work", _("Work")
    OTHER = "other", _("Other")


class ObservationType(models.TextChoices):
    """What kind of visit an observation records: a sighting at a reception point or border crossing, or a
    labour inspector's visit to a workplace."""

    SIGHTING = "sighting", _("At a reception point or border crossing")
    LABOUR_INSPECTION = "labour_inspection", pgettext_lazy("observation type", "Labour inspection")


class OfferedTo(models.TextChoices):
    WOMAN = "woman", _("A woman")
    WOMAN_WITH_CHILDREN = "woman_with_children", _("A woman with children")
    UNACCOMPANIED_MINOR = "unaccompanied_minor", _("An unaccompanied child")
    MAN = "man", _("A man")
    FAMILY = "family", _("A family")
    GROUP = "group", _("A group")
    OTHER = "other", _("Other")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    IMMEDIATE = "immediate", _("Immediate danger")


class TriageStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Unknown")


# Triage priority: one number for both kinds of record, so the board sorts them together.
PRIORITY_OF_URGENCY = {Urgency.ROUTINE: 0, Urgency.URGENT: 2, Urgency.IMMEDIATE_DANGER: 3}
PRIORITY_OF_RISK = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2, RiskLevel.IMMEDIATE: 3}


def call_code(pk: int | None) -> str:
    """How people refer to a call (in lists, links and the investigation that cites it)."""
    return f"CALL-{pk}"


def observation_code(pk: int | None) -> str:
    return f"OBS-{pk}"


class TriageFields(models.Model):
    """What triage adds to a call or an observation: status, who has it, and where it was escalated."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    priority = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(_("status"), max_length=16, choices=TriageStatus.choices, default=TriageStatus.NEW)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assigned to"))
    protection_case_id = models.IntegerField(null=True, blank=True)
    protection_case_code = models.CharField(max_length=40, blank=True)
    investigation = models.ForeignKey("investigations.Investigation", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


class HotlineCall(TriageFields):
    """One call to a voivodeship hotline. Not every call is a case."""

    hotline = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="calls", verbose_name=_("hotline"),
                                limit_choices_to={"type": PlaceType.VOIVODESHIP})
    started_at = models.DateTimeField(_("start time"))
    ended_at = models.DateTimeField(_("end time"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    caller_type = models.CharField(_("who is calling"), max_length=24, choices=CallerType.choices)
    caller_contact = EncryptedTextField(_("caller's contact"), blank=True)
    caller_phone_index = BlindIndexField()
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    indicators = models.JSONField(_("indicators noticed"), default=list, blank=True)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE)
    actions = models.JSONField(_("actions"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    # the voivodeship line a call was transferred to, waiting there until one of its operators takes it
    queue_line = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to={"type": PlaceType.VOIVODESHIP}, verbose_name=_("waiting on line"))

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            # the triage board: an organisation's open records, most urgent and newest first
            models.Index(fields=["organisation", "status", "-priority", "-started_at"], name="intake_call_board"),
            # lists and statistics by day
            models.Index(fields=["organisation", "-started_at"], name="intake_call_org_time"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return call_code(self.pk)

    @property
    def occurred_at(self) -> object:
        return self.started_at

    @property
    def kind(self) -> str:
        return "call"

    @property
    def indicators_display(self) -> list[str]:
        return [str(Indicator(i).label) for i in self.indicators if i in Indicator.values]

    @property
    def actions_display(self) -> list[str]:
        return [str(CallAction(a).label) for a in self.actions if a in CallAction.values]

    @property
    def is_immediate_danger(self) -> bool:
        return self.urgency == Urgency.IMMEDIATE_DANGER


class FieldObservation(TriageFields):
    """What an officer saw at a reception point or a border crossing: who offered what to whom."""

    type = models.CharField(_("type of observation"), max_length=20, choices=ObservationType.choices,
                            default=ObservationType.SIGHTING)
    # a labour inspection's place is the voivodeship of the workplace; the workplace and employer are typed in
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="observations", verbose_name=_("place"))
    workplace = EncryptedTextField(_("workplace"), blank=True)  # may be a farm or a private home: encrypted
    employer = EncryptedTextField(_("employer"), blank=True)  # may be a person's name: encrypted
    workers_met = models.PositiveSmallIntegerField(_("workers met"), null=True, blank=True)
    observed_at = models.DateTimeField(_("time"))
    offer_types = models.JSONField(_("what was offered"), default=list, blank=True)
    offered_to = models.CharField(_("offered to"), max_length=24, choices=OfferedTo.choices, blank=True)
    indicators = models.JSONField(_("indicators noticed"), default=list, blank=True)
    description = EncryptedTextField(_("what happened"), blank=True)
    risk_level = models.CharField(_("risk level"), max_length=16, choices=RiskLevel.choices, default=RiskLevel.LOW)
    action_taken = EncryptedTextField(_("action taken"), blank=True)
    # chosen by the officer's device for each held observation: sending it again (a retry after a dropped
    # connection) returns the observation already filed instead of filing a second one
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    # the officer was warned that they had reported the same phone or plate at this place shortly before, and
    # saved anyway: the phones and plates of that earlier report are not handed to links again as new evidence
    repeat_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-observed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["created_by", "idempotency_key"], name="intake_obs_idempotency",
                                    condition=models.Q(idempotency_key__isnull=False)),
        ]
        indexes = [
            # the triage board: an organisation's open records, most urgent and newest first
            models.Index(fields=["organisation", "status", "-priority", "-observed_at"], name="intake_obs_board"),
            models.Index(fields=["organisation", "-observed_at"], name="intake_obs_org_time"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return observation_code(self.pk)

    @property
    def occurred_at(self) -> object:
        return self.observed_at

    @property
    def kind(self) -> str:
        return "observation"

    @property
    def is_inspection(self) -> bool:
        return self.type == ObservationType.LABOUR_INSPECTION

    @property
    def offer_types_display(self) -> list[str]:
        return [str(OfferType(o).label) for o in self.offer_types if o in OfferType.values]

    @property
    def indicators_display(self) -> list[str]:
        return [str(Indicator(i).label) for i in self.indicators if i in Indicator.values]


class MentionKind(models.TextChoices):
    PERSON = "person", _("Person")
    PHONE = "phone", _("Phone")
    VEHICLE = "vehicle", _("Vehicle")
    ACCOUNT = "account", _("Online account or advert")


class Mention(models.Model):
    """A person, phone, vehicle or online account named in a call or seen in an observation.

    `value` is the name, number, plate or handle (encrypted); `value_index` its blind index
    (empty for people, whose names are matched by the links module, not here).
    """

    call = models.ForeignKey(HotlineCall, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    observation = models.ForeignKey(FieldObservation, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="mentions")
    kind = models.CharField(max_length=12, choices=MentionKind.choices)
    value = EncryptedTextField(blank=True)
    value_index = BlindIndexField()
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # what was said about the person or vehicle: free text, encrypted like the value (links keeps it so too)
    nationality = EncryptedTextField(max_length=40, blank=True)
    language = EncryptedTextField(max_length=40, blank=True)
    country = models.CharField(max_length=3, blank=True)  # ISO code of a plate's country
    make = EncryptedTextField(max_length=40, blank=True)
    colour = EncryptedTextField(max_length=30, blank=True)
    description = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.kind} mention {self.pk}"  # never the value: it is personal data


class ObservationPhoto(models.Model):
    """A photo (of an advert, a vehicle...) stored encrypted; served only through a checked view."""

    observation = models.ForeignKey(FieldObservation, on_delete=models.CASCADE, related_name="photos")
    content = models.BinaryField()
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"photo {self.pk}"


class TriageComment(models.Model):
    """A note between analysts about a call or an observation."""

    call = models.ForeignKey(HotlineCall, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    observation = models.ForeignKey(FieldObservation, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"comment {self.pk}"


class CallerFlagKind(models.TextChoices):
    ABUSIVE = "abusive", _("Abusive caller")
    TEST = "test", _("Test or prank caller")


class CallerFlag(models.Model):
    """A warning on a caller's number (abusive, test or prank calls), set by an operator for their organisation.

    The number is known only by its blind index; a cleared flag stays (with who cleared it) as history.
    """

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    phone_index = BlindIndexField()
    kind = models.CharField(_("kind"), max_length=12, choices=CallerFlagKind.choices)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # one flag in force per number and organisation
            models.UniqueConstraint(fields=["organisation", "phone_index"], condition=models.Q(cleared_at__isnull=True),
                                    name="intake_callerflag_active"),
        ]

    def __str__(self) -> str:
        return f"caller flag {self.pk}"


class CallReferral(models.Model):
    """The operator told the caller about a service from the directory ("referred to")."""

    call = models.ForeignKey(HotlineCall, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "service"], name="intake_callreferral_once")]

    def __str__(self) -> str:
        return f"referral {self.pk}"


class CallbackTask(models.Model):
    """Call the caller back by a time: in the queue of the operator who owns it, flagged once overdue."""

    call = models.ForeignKey(HotlineCall, on_delete=models.CASCADE, related_name="callbacks")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("assigned to"))
    due_at = models.DateTimeField(_("call back by"))
    note = EncryptedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            # the operator's queue: their open callbacks, soonest first
            models.Index(fields=["assigned_to", "done_at", "due_at"], name="intake_callback_queue"),
        ]

    def __str__(self) -> str:
        return f"callback {self.pk}"


class CallTransfer(models.Model):
    """A call handed to a colleague or to another voivodeship's line; the history of who passed it where."""

    call = models.ForeignKey(HotlineCall, on_delete=models.CASCADE, related_name="transfers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    to_line = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"transfer {self.pk}"
