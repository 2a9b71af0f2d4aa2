"""Forms for the protection pages. They only check input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation, User
from core import uploads
from core.crypto import normalise_phone
from core.forms import RequiredWhenMixin
from core.widgets import DateInput

from . import choices
from .models import Consent, Indicator, ReturnAndReintegration
from .services import RETURN_FIELDS

DATE = DateInput()


class DirectoryServiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A service from the directory that has no CTIMS account (members are chosen as organisations)."""

    def __init__(self, **kwargs: Any) -> None:
        from directory.selectors import services_for_referral

        super().__init__(queryset=services_for_referral().filter(organisation__isnull=True), required=False,
                         **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name()} ({obj.provider})"


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: by field where the form has it, else at the top."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


class IdentityForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), required=False, max_length=120,
                                 help_text=_("In any script, as the person writes it."))
    middle_name = forms.CharField(label=_("Middle name or patronymic"), required=False, max_length=120)
    second_name = forms.CharField(label=_("Surname"), required=False, max_length=120)
    other_names = forms.CharField(label=_("Other names or spellings"), required=False, max_length=300,
                                  help_text=_("For example the name in the passport's Latin spelling."))
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    age_range = forms.ChoiceField(label=_("Age range"), choices=[("", "—"), *choices.AgeRange.choices], required=False,
                                  help_text=_("Only if the date of birth is not known."))
    gender = forms.ChoiceField(label=_("Gender"), choices=choices.Gender.choices,
                               initial=choices.Gender.UNKNOWN)
    citizenship = forms.MultipleChoiceField(label=_("Citizenship"), choices=choices.COUNTRIES, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    primary_language = forms.ChoiceField(label=_("First language"), choices=[("", "—"), *choices.LANGUAGES],
                                         required=False)
    secondary_language = forms.ChoiceField(label=_("Other language"), choices=[("", "—"), *choices.LANGUAGES],
                                           required=False)
    mobile_phone = forms.CharField(label=_("Mobile phone"), required=False, max_length=40,
                                   widget=forms.TextInput(attrs={"type": "tel"}))
    email = forms.EmailField(label=pgettext_lazy("contact", "Email"), required=False)
    address = forms.CharField(label=_("Address or place of stay"), required=False, max_length=300)
    identity_number = forms.CharField(label=_("Passport or identity document number"), required=False,
                                      max_length=60)

    def clean_mobile_phone(self) -> str:
        raw = self.cleaned_data["mobile_phone"].strip()
        if raw and normalise_phone(raw) is None:
            raise ValidationError(_("Enter a phone number with its country code, for example +380 67 123 4567."))
        return raw

    def identity_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["citizenship"] = ";".join(data.get("citizenship") or [])
        return data


class RegistrationForm(IdentityForm):
    exploitation_types = forms.MultipleChoiceField(label=_("Types of exploitation"), required=False,
                                                   choices=choices.ExploitationType.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    labour_industry = forms.ChoiceField(label=_("Forced labour industry"), required=False,
                                        choices=[("", "—"), *choices.LabourIndustry.choices])
    country_of_exploitation = forms.ChoiceField(label=_("Country of exploitation"), required=False,
                                                choices=[("", "—"), *choices.COUNTRIES])
    sensitivity = forms.ChoiceField(label=_("Sensitivity"), choices=choices.Sensitivity.choices,
                                    initial=choices.Sensitivity.NORMAL)
    summary = forms.CharField(label=_("What happened, in short"), required=False, widget=forms.Textarea,
                              help_text=_("Stored encrypted. Write only what the case needs."))
    confirm_new = forms.BooleanField(label=_("I have checked: none of these is the same person"), required=False)


class NewCaseForm(forms.Form):
    """A new case for a person already known: only the case, not the identity again."""

    exploitation_types = forms.MultipleChoiceField(label=_("Types of exploitation"), required=False,
                                                   choices=choices.ExploitationType.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    labour_industry = forms.ChoiceField(label=_("Forced labour industry"), required=False,
                                        choices=[("", "—"), *choices.LabourIndustry.choices])
    country_of_exploitation = forms.ChoiceField(label=_("Country of exploitation"), required=False,
                                                choices=[("", "—"), *choices.COUNTRIES])
    sensitivity = forms.ChoiceField(label=_("Sensitivity"), choices=choices.Sensitivity.choices,
                                    initial=choices.Sensitivity.NORMAL)
    summary = forms.CharField(label=_("What happened, in short"), required=False, widget=forms.Textarea,
                              help_text=_("Stored encrypted. Write only what the case needs."))


class CaseForm(forms.Form):
    case_worker = forms.ModelChoiceField(label=_("Case worker"), queryset=User.objects.none(), required=False)
    assigned_workers = forms.ModelMultipleChoiceField(label=_("Other workers on the case"), required=False,
                                                      queryset=User.objects.none(),
                                                      widget=forms.CheckboxSelectMultiple)
    sensitivity = forms.ChoiceField(label=_("Sensitivity"), choices=choices.Sensitivity.choices)
    exploitation_types = forms.MultipleChoiceField(label=_("Types of exploitation"), required=False,
                                                   choices=choices.ExploitationType.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    labour_industry = forms.ChoiceField(label=_("Forced labour industry"), required=False,
                                        choices=[("", "—"), *choices.LabourIndustry.choices])
    country_of_exploitation = forms.ChoiceField(label=_("Country of exploitation"), required=False,
                                                choices=[("", "—"), *choices.COUNTRIES])
    summary = forms.CharField(label=_("What happened, in short"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(organisation=organisation, is_active=True,
                                    role__in=["case_worker", "supervisor"]).order_by("username")
        self.fields["case_worker"].queryset = staff  # type: ignore[attr-defined]
        self.fields["assigned_workers"].queryset = staff  # type: ignore[attr-defined]


class StatusForm(RequiredWhenMixin, forms.Form):
    required_when = {"closure_reason": ("status", choices.CLOSED_STATUSES)}

    status = forms.ChoiceField(label=_("Status"), choices=choices.CaseStatus.choices)
    closure_reason = forms.CharField(label=_("Reason for case closure"), required=False, widget=forms.Textarea,
                                     help_text=_("Needed to close the case."),
                                     error_messages={"required": _("Give the reason for closing the case.")})


class ScreeningForm(forms.Form):
    indicators = forms.ModelMultipleChoiceField(label=_("Indicators observed"), required=False,
                                                queryset=Indicator.objects.filter(is_active=True),
                                                widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea,
                            help_text=_("What the person said that supports what you ticked. Stored encrypted."))


class IdentificationForm(forms.Form):
    status = forms.ChoiceField(label=_("Trafficking status"), choices=choices.TraffickingStatus.choices)
    decision_org_type = forms.ChoiceField(label=_("Type of deciding organisation"),
                                          choices=choices.DecisionMakingOrg.choices)
    deciding_organisation = forms.ModelChoiceField(label=_("Deciding organisation"), required=False,
                                                   queryset=Organisation.objects.filter(is_active=True))
    decided_on = forms.DateField(label=_("Date of decision"), widget=DATE)
    basis = forms.CharField(label=_("Basis for the decision"), required=False, widget=forms.Textarea)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=choices.ConsentPurpose.choices,
                                widget=forms.RadioSelect)
    shared_with = forms.ModelChoiceField(label=_("Share with"), required=False,
                                         queryset=Organisation.objects.filter(is_active=True),
                                         help_text=_("Only for sharing: the organisation named to the person."))
    shared_with_service = DirectoryServiceField(
        label=_("Or share with a service from the directory"),
        help_text=_("A service outside CTIMS, named to the person. Choose an organisation or a service, not both."))
    parts = forms.MultipleChoiceField(label=_("Parts that may be shared"), required=False,
                                      choices=choices.CasePart.choices, widget=forms.CheckboxSelectMultiple)
    checks = forms.MultipleChoiceField(
        label=_("The person was told"), widget=forms.CheckboxSelectMultiple,
        choices=[(c, capfirst(Consent._meta.get_field(c).verbose_name))  # type: ignore[union-attr]
                 for c in Consent.CHECKS],
    )
    language = forms.ChoiceField(label=_("Language consent was taken in"), choices=choices.LANGUAGES)
    is_child = forms.BooleanField(label=_("The person is a child"), required=False)
    child_assent = forms.BooleanField(label=_("The child assents"), required=False)
    guardian_name = forms.CharField(label=_("Guardian's name"), required=False, max_length=200)
    guardian_relationship = forms.CharField(label=_("Guardian's relationship to the child"), required=False,
                                            max_length=80)


class AssessmentForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=choices.AssessmentLevel.choices)
    risk = forms.ChoiceField(label=_("Risk"), choices=choices.RiskLevel.choices)
    needs = forms.CharField(label=_("Needs and risks found"), widget=forms.Textarea)


class PlanItemForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of support"), choices=choices.SupportType.choices)
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea)
    action_plan = forms.CharField(label=_("Action plan"), required=False, widget=forms.Textarea)
    planned_end_date = forms.DateField(label=_("Planned end date"), required=False, widget=DATE)


class ServiceForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of support"), choices=choices.SupportType.choices)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    started_on = forms.DateField(label=_("Start date"), widget=DATE)
    ended_on = forms.DateField(label=_("End date"), required=False, widget=DATE)
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DATE)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = uploads.CaseDocumentField(label=_("File"))  # checked by content (core.uploads.CASE_DOCUMENT_TYPES)


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Refer to an organisation in CTIMS"), required=False,
                                             queryset=Organisation.objects.none())
    to_service = DirectoryServiceField(
        label=_("Or refer to a service from the directory"),
        help_text=_("A service outside CTIMS: send it the consented parts yourself, then record its answer here. "
                    "It gets no access to CTIMS."))
    reason = forms.ChoiceField(label=_("Reason for referral"), choices=choices.ReferralReason.choices)
    parts = forms.MultipleChoiceField(label=_("Parts to share"), required=False, choices=choices.CasePart.choices,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Only parts the person's consent covers are sent."))
    details = forms.CharField(label=_("Referral details"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk=organisation.pk))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            chosen = [f for f in ("to_organisation", "to_service") if data.get(f)]
            if not chosen:
                self.add_error("to_organisation", _("Choose an organisation in CTIMS or a service from the "
                                                    "directory."))
            elif len(chosen) == 2:
                self.add_error("to_service", _("Choose either an organisation in CTIMS or a service from the "
                                               "directory, not both."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


class TransferForm(forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Transfer to"), queryset=Organisation.objects.none())
    reason = forms.CharField(label=_("Reason for transfer"), widget=forms.Textarea)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk=organisation.pk))


class ReturnPlanForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ReturnAndReintegration
        fields = list(RETURN_FIELDS)
        # one-line answers: the encrypted model fields are text columns, which would default to a textarea
        widgets = {"travel_date": DATE, "escort_details": forms.TextInput,
                   "documents": forms.TextInput, "receiving_partner": forms.TextInput}


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=choices.ReturnStage.choices)
    returned_on = forms.DateField(label=_("Arrival date"), required=False, widget=DATE)


class AssistanceForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of support"), choices=choices.SupportType.choices)
    description = forms.CharField(label=_("Description"), required=False, max_length=200)
    amount = forms.DecimalField(label=_("Amount"), required=False, max_digits=10, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3)
    given_on = forms.DateField(label=_("Date"), widget=DATE)


class VisitForm(forms.Form):
    done_on = forms.DateField(label=_("Visit date"), widget=DATE)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea)


class ExportForm(RequiredWhenMixin, forms.Form):
    required_when = {"reason": ("identified", (True,))}

    format = forms.ChoiceField(label=_("File type"), choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
                               widget=forms.RadioSelect, initial="csv")
    identified = forms.BooleanField(label=_("Include names and contacts (identified export)"), required=False)
    reason = forms.CharField(label=_("Why you need names and contacts"), required=False, widget=forms.Textarea,
                             help_text=_("Needed for an identified export. It is kept in the audit log."),
                             error_messages={"required": _("Say why you need names and contacts in the export.")})
