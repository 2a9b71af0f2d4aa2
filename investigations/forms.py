"""Forms for the investigations registry: a case, a person, a share, a link, an offence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation, User
from core import uploads
from core.widgets import DateInput
from intake.selectors import voivodeships

from .models import Act, LinkKind, Offence, PersonRole, Stage
from .selectors import offences


class InvestigationForm(forms.Form):
    offence = forms.ModelChoiceField(label=_("Main offence"), queryset=Offence.objects.none(),
                                     error_messages={"required": _("Choose the offence.")})
    other_offences = forms.ModelMultipleChoiceField(
        label=_("Other offences in the same proceedings"), queryset=Offence.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("For example art. 203 and 204 §3 alongside art. 189a."))
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.VERIFICATION)
    case_file_number = forms.CharField(
        label=_("Case-file number (sygnatura)"), required=False, max_length=60,
        help_text=_("As the prosecutor's office writes it, for example PO I Ds 12.2026."))
    unit = forms.CharField(label=_("Owning unit"), required=False, max_length=160,
                           help_text=_("For example: Counter-Trafficking Department, Voivodeship Police HQ Lublin."))
    voivodeship = forms.ModelChoiceField(label=_("Voivodeship"), queryset=Offence.objects.none(), required=False)
    prosecutor_office = forms.CharField(label=_("Prosecutor's office"), required=False, max_length=160)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput(),
                                error_messages={"required": _("Enter the date the case was opened.")})
    summary = forms.CharField(label=pgettext_lazy("investigation", "Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offence"].queryset = offences()  # type: ignore[attr-defined]
        self.fields["other_offences"].queryset = offences()  # type: ignore[attr-defined]
        self.fields["voivodeship"].queryset = voivodeships()  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=200,
                           error_messages={"required": _("Enter the person's name.")})
    protection_case_id = forms.IntegerField(label=_("Protection case number"), required=False, min_value=1,
                                            help_text=_("If the victim has a protection case, its number."))


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Share with"), queryset=Organisation.objects.none(),
                                          error_messages={"required": _("Choose an organisation.")})

    def __init__(self, *args: Any, investigation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the owning agency already sees the case, and those it shares with already do too
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk=investigation.organisation_id)
            .exclude(pk__in=investigation.shares.values("organisation_id")))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    entered_on = forms.DateField(label=_("Since"), widget=DateInput(), required=False,
                                 help_text=_("Leave empty for today."))
    note = forms.CharField(label=_("Note"), required=False, max_length=500,
                           help_text=_("For example the decision that moved the case on."))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = uploads.CaseDocumentField(label=_("File"))  # checked by content (core.uploads.CASE_DOCUMENT_TYPES)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200,
                            error_messages={"required": _("Enter what is to be done.")})
    due_on = forms.DateField(label=_("Deadline"), widget=DateInput(),
                             error_messages={"required": _("Enter the deadline.")})
    assigned_to = forms.ModelChoiceField(label=_("Assigned to"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, investigation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation_id=investigation.organisation_id, is_active=True).order_by("last_name", "username")


class PickerForm(forms.Form):
    q = forms.CharField(label=_("Find a call, observation or protection case"), max_length=100,
                        help_text=_("Its code (CALL-138, OBS-42, IOM-2026-00042), a phone number, a plate or a "
                                    "person's name."),
                        error_messages={"required": _("Enter a code, phone number, plate or name.")})


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to link"), choices=LinkKind.choices)
    object_id = forms.CharField(label=_("Number or code"), max_length=40,
                                help_text=_("For example CALL-138, OBS-42 or IOM-2026-00042."),
                                error_messages={"required": _("Enter the number of the call, observation or case.")})


class OffenceForm(forms.Form):
    act = forms.ChoiceField(label=_("Act"), choices=Act.choices, initial=Act.PENAL_CODE)
    article = forms.CharField(label=_("Article"), max_length=20, help_text=_("For example 189a or 204 §3."))
    name = forms.CharField(label=_("Name"), max_length=200)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
