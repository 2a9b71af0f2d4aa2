"""Forms for the investigations registry: a case, a person, a share, a link, an offence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation
from core.widgets import DateInput
from intake.selectors import voivodeships

from .models import LinkKind, Offence, PersonRole, Stage
from .selectors import offences


class InvestigationForm(forms.Form):
    offence = forms.ModelChoiceField(label=_("Offence"), queryset=Offence.objects.none(),
                                     error_messages={"required": _("Choose the offence.")})
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.VERIFICATION)
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
        self.fields["voivodeship"].queryset = voivodeships()  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=200,
                           error_messages={"required": _("Enter the person's name.")})
    protection_case_id = forms.IntegerField(label=_("Protection case number"), required=False, min_value=1,
                                            help_text=_("If the victim has a protection case, its number."))


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Share with"), queryset=Organisation.objects.filter(is_active=True),
                                          error_messages={"required": _("Choose an organisation.")})


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to link"), choices=LinkKind.choices)
    object_id = forms.CharField(label=_("Number or code"), max_length=40,
                                help_text=_("For example CALL-138, OBS-42 or IOM-2026-00042."),
                                error_messages={"required": _("Enter the number of the call, observation or case.")})


class OffenceForm(forms.Form):
    article = forms.CharField(label=_("Article"), max_length=20, help_text=_("For example 189a."))
    name = forms.CharField(label=_("Name"), max_length=200)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
