"""Forms for the operator's call log, the officer's observation (phone first) and the place register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.widgets import DateInput

from . import selectors
from .models import (
    CallAction,
    CallerType,
    Indicator,
    Language,
    MentionKind,
    ObservationType,
    OfferedTo,
    OfferType,
    Place,
    PlaceType,
    RiskLevel,
    Sex,
    Topic,
    Urgency,
)
from .services import CallInput, MentionInput, ObservationInput, PhotoInput

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LINES_HINT = _("One per line.")


def referred_ids(text: str) -> list[int]:
    """The service ids of the hidden "referred to" field ("12,15"); anything else is dropped."""
    return list(dict.fromkeys(int(v) for v in text.split(",") if v.strip().isdigit()))[:20]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PlaceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Place) -> str:
        if obj.type == PlaceType.VOIVODESHIP:
            return obj.name
        return f"{obj.name} ({obj.get_type_display()}, {obj.voivodeship_name})"


class CallForm(forms.Form):
    hotline = PlaceChoiceField(label=_("Hotline"), queryset=Place.objects.none(),
                               error_messages={"required": _("Choose the voivodeship hotline that took the call.")})
    started_at = forms.DateTimeField(label=_("Call started"), widget=DATETIME_WIDGET,
                                     error_messages={"required": _("Enter when the call started.")})
    ended_at = forms.DateTimeField(label=_("Call ended"), widget=DATETIME_WIDGET, required=False,
                                   help_text=_("Leave empty while the call is going on."))
    language = forms.ChoiceField(label=_("Language of the call"), choices=Language.choices, widget=forms.RadioSelect,
                                 initial=Language.UK)
    caller_type = forms.ChoiceField(label=_("Who is calling"), choices=CallerType.choices, widget=forms.RadioSelect,
                                    initial=CallerType.ANONYMOUS)
    caller_contact = forms.CharField(label=_("Caller's phone or contact"), required=False, max_length=200,
                                     help_text=_("Only if the caller agrees. Stored encrypted; a known number shows "
                                                 "the caller's earlier calls."))
    topic = forms.ChoiceField(label=_("What is the call about"), choices=Topic.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Choose what the call is about.")})
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect,
                                initial=Urgency.ROUTINE)
    indicators = forms.MultipleChoiceField(label=_("Indicators noticed"), choices=Indicator.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    actions = forms.MultipleChoiceField(label=_("Actions taken"), choices=CallAction.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    people = forms.CharField(label=_("People mentioned"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=LINES_HINT)
    phones = forms.CharField(label=_("Phone numbers mentioned"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text=LINES_HINT)
    plates = forms.CharField(label=_("Vehicle plates mentioned"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text=LINES_HINT)
    accounts = forms.CharField(label=_("Online accounts or adverts mentioned"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}), help_text=LINES_HINT)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # ids of the directory services chosen with "Refer to this service" (kept in the draft like any field)
    referred_to = forms.CharField(required=False, widget=forms.HiddenInput)
    callback_due = forms.DateTimeField(label=_("Call back by"), widget=DATETIME_WIDGET, required=False,
                                       help_text=_("A callback task in your queue; shown as overdue after this time."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hotline"].queryset = selectors.voivodeships()  # type: ignore[attr-defined]

    def clean_referred_to(self) -> list[int]:
        return referred_ids(self.cleaned_data.get("referred_to") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("started_at"), data.get("ended_at")
        if start and end and end < start:
            self.add_error("ended_at", _("The end time must be after the start time."))
        return data

    def to_input(self) -> CallInput:
        d = self.cleaned_data
        mentions = ([MentionInput(MentionKind.PERSON, v) for v in _lines(d["people"])]
                    + [MentionInput(MentionKind.PHONE, v) for v in _lines(d["phones"])]
                    + [MentionInput(MentionKind.VEHICLE, v) for v in _lines(d["plates"])]
                    + [MentionInput(MentionKind.ACCOUNT, v) for v in _lines(d["accounts"])])
        return CallInput(hotline=d["hotline"], started_at=d["started_at"], ended_at=d.get("ended_at"),
                         language=d["language"], caller_type=d["caller_type"], topic=d["topic"],
                         caller_contact=d["caller_contact"], indicators=d["indicators"], urgency=d["urgency"],
                         actions=d["actions"], notes=d["notes"], mentions=mentions,
                         referred_to=d["referred_to"], callback_due=d.get("callback_due"))


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name, if known"), required=False, max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    approximate_age = forms.IntegerField(label=_("Approximate age"), required=False, min_value=0, max_value=120)
    nationality = forms.CharField(label=_("Nationality"), required=False, max_length=40)
    language = forms.CharField(label=_("Language spoken"), required=False, max_length=40)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Clothes, role (driver, recruiter...), anything that helps "
                                              "recognise them."))


class VehicleForm(forms.Form):
    plate = forms.CharField(label=_("Plate"), required=False, max_length=20)
    country = forms.CharField(label=_("Country of the plate"), required=False, max_length=3,
                              help_text=_("Two letters, for example PL or UA."))
    make = forms.CharField(label=_("Make"), required=False, max_length=40)
    colour = forms.CharField(label=_("Colour"), required=False, max_length=30)


PersonFormSet = forms.formset_factory(PersonForm, extra=2, max_num=10)
VehicleFormSet = forms.formset_factory(VehicleForm, extra=1, max_num=10)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ObservationForm(forms.Form):
    place = PlaceChoiceField(label=_("Place"), queryset=Place.objects.none(),
                             error_messages={"required": _("Choose the reception point or border crossing where "
                                                           "you saw this.")})
    observed_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME_WIDGET,
                                      error_messages={"required": _("Enter the date and time you saw this.")})
    offer_types = forms.MultipleChoiceField(label=_("What was offered"), choices=OfferType.choices, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    offered_to = forms.ChoiceField(label=_("Offered to whom"), choices=[("", "—"), *OfferedTo.choices], required=False)
    indicators = forms.MultipleChoiceField(label=_("Indicators noticed"), choices=Indicator.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices, widget=forms.RadioSelect,
                                   initial=RiskLevel.LOW)
    action_taken = forms.CharField(label=_("Action taken"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    phones = forms.CharField(label=_("Phone numbers"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=LINES_HINT)
    accounts = forms.CharField(label=_("Online accounts or adverts"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("One per line: a profile name, a group or a link to the advert."))
    photos = MultipleImageField(label=_("Photos"), required=False,
                                help_text=_("For example of an advert or a vehicle. Stored encrypted. Photos are not "
                                            "kept in the offline draft."))

    # a labour inspection: where, whom and how many instead of what was offered to whom
    workplace = forms.CharField(label=_("Workplace"), max_length=300,
                                help_text=_("The name and address of the farm, site, factory or home you inspected."),
                                error_messages={"required": _("Enter the workplace you inspected: its name or "
                                                              "address.")})
    employer = forms.CharField(label=_("Employer"), required=False, max_length=200,
                               help_text=_("The firm or person that employs the workers, and any agency that placed "
                                           "them."))
    workers_met = forms.IntegerField(label=_("Workers met"), required=False, min_value=0, max_value=10000,
                                     help_text=_("How many workers you spoke with or saw at work."))

    INSPECTION_ONLY = ("workplace", "employer", "workers_met")
    SIGHTING_ONLY = ("offer_types", "offered_to")

    def __init__(self, *args: Any, inspection: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        for name in self.SIGHTING_ONLY if inspection else self.INSPECTION_ONLY:
            del self.fields[name]
        place = self.fields["place"]
        if inspection:  # filed in the workplace's voivodeship
            place.queryset = selectors.voivodeships()  # type: ignore[attr-defined]
            place.label = _("Voivodeship of the workplace")
            place.error_messages["required"] = _("Choose the voivodeship of the workplace you inspected.")
            self.fields["description"].label = _("What you found")
        else:
            place.queryset = selectors.observation_places()  # type: ignore[attr-defined]

    def to_input(self, people: list[dict[str, Any]], vehicles: list[dict[str, Any]]) -> ObservationInput:
        d = self.cleaned_data
        mentions = [MentionInput(MentionKind.PERSON, p.get("name", ""), sex=p.get("sex", ""),
                                 approximate_age=p.get("approximate_age"), nationality=p.get("nationality", ""),
                                 language=p.get("language", ""), description=p.get("description", ""))
                    for p in people if p]
        mentions += [MentionInput(MentionKind.VEHICLE, v.get("plate", ""), country=v.get("country", ""),
                                  make=v.get("make", ""), colour=v.get("colour", "")) for v in vehicles if v]
        mentions += [MentionInput(MentionKind.PHONE, v) for v in _lines(d["phones"])]
        mentions += [MentionInput(MentionKind.ACCOUNT, v) for v in _lines(d["accounts"])]
        return ObservationInput(place=d["place"], observed_at=d["observed_at"], offer_types=d.get("offer_types", []),
                                offered_to=d.get("offered_to", ""), description=d["description"],
                                risk_level=d["risk_level"], action_taken=d["action_taken"], mentions=mentions,
                                indicators=d["indicators"],
                                type=ObservationType.LABOUR_INSPECTION if self.inspection else ObservationType.SIGHTING,
                                workplace=d.get("workplace", ""), employer=d.get("employer", ""),
                                workers_met=d.get("workers_met"))

    def photo_inputs(self) -> list[PhotoInput]:
        return [PhotoInput(content=f.read(), content_type=getattr(f, "content_type", "") or "")
                for f in self.cleaned_data.get("photos") or []]


class PlaceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Place
        fields = ["type", "name", "voivodeship", "address", "latitude", "longitude", "active_from", "active_to"]
        labels = {"name": pgettext_lazy("of a place", "Name")}  # the model's "name" reads as a person's name in uk/ru
        widgets = {"active_from": DateInput(), "active_to": DateInput()}


class TriageForm(forms.Form):
    """One form for the triage actions on a call or observation page (the button says which)."""

    assigned_to = forms.IntegerField(required=False)
    text = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label=_("Why it is escalated"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    offence = forms.IntegerField(required=False)
