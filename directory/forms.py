"""Forms: the public concern form (with its spam guards), the directory search, and service maintenance."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import Audience, Language, Service, ServiceType, Voivodeship
from .services import CONCERN_CONTACT_MAX, CONCERN_PLACE_MAX, CONCERN_TEXT_MAX, SYSTEM_ONLY_FIELDS

TOKEN_SALT = "directory.concern-form"  # noqa: S105 (a signing namespace, not a secret)
HONEYPOT = "website"


def new_form_token() -> str:
    """A signed 'form shown at' time: a person needs a few seconds to write; a bot posts at once."""
    return signing.dumps(time.time(), salt=TOKEN_SALT)


class ConcernForm(forms.Form):
    """Asks for the minimum. Length and emptiness are checked by the service, so the page and the API agree;
    the text is also marked required here so the page does not call it "optional"."""

    use_required_attribute = False  # the server's message, in the page's language, not the browser's
    text = forms.CharField(
        label=_("What happened, or what worries you?"), required=True,
        error_messages={"required": _("Write what happened or what worries you.")},
        help_text=_("For example: who offered what, where and when. You do not have to give your name."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": CONCERN_TEXT_MAX}),
    )
    voivodeship = forms.ChoiceField(
        label=_("Voivodeship"), required=False,
        choices=[("", _("I don't know / I prefer not to say")), *Voivodeship.choices],
    )
    place = forms.CharField(label=_("Town or place"), required=False,
                            widget=forms.TextInput(attrs={"maxlength": CONCERN_PLACE_MAX}))
    contact = forms.CharField(
        label=_("How can we reach you?"), required=False,
        help_text=_("A phone number or e-mail, only if you want an answer. Leave it empty to stay anonymous."),
        widget=forms.TextInput(attrs={"maxlength": CONCERN_CONTACT_MAX, "autocomplete": "off"}),
    )
    # Spam guards: a field people never see (bots fill every field), and the time the form was shown.
    website = forms.CharField(required=False, label="Website", widget=forms.TextInput(
        attrs={"tabindex": "-1", "autocomplete": "off"}))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def link_descriptions(self) -> None:
        """Tie each input to its hint and error text (the ids includes/field.html gives them), for screen readers."""
        for name, field in self.fields.items():
            ids = []
            if field.help_text:
                ids.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                ids.append(f"id_{name}-error")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
                if self.is_bound and name in self.errors:
                    field.widget.attrs["aria-invalid"] = "true"

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def clean_started(self) -> float:
        try:
            shown_at = float(signing.loads(self.cleaned_data.get("started") or "", salt=TOKEN_SALT, max_age=24 * 3600))
        except (signing.BadSignature, TypeError, ValueError) as exc:
            raise forms.ValidationError(_("This form is too old. Check your message and send it again.")) from exc
        if time.time() - shown_at < settings.CTIMS_CONCERN_MIN_FILL_SECONDS:
            raise forms.ValidationError(_("That was sent very quickly. Check your message and send it again."))
        return shown_at

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A problem with the hidden time field belongs to the whole form (there is no field to point to). When a
        # visible field is wrong too, say only that: the person has to send again anyway, and the page gives a
        # fresh time, so "sent very quickly" on an empty form would only mislead.
        if "started" in self.errors:
            messages = self.errors.pop("started")
            if not self.errors:
                for message in messages:
                    self.add_error(None, message)
        return cleaned


class ServiceSearchForm(forms.Form):
    """The public search: everything optional, sent as GET (no personal data in these filters)."""

    voivodeship = forms.ChoiceField(label=_("Voivodeship"), required=False,
                                    choices=[("", _("All of Poland")), *Voivodeship.choices])
    type = forms.ChoiceField(label=_("Kind of help"), required=False,
                             choices=[("", _("Any kind of help")), *ServiceType.choices])
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Any language")), *Language.choices])
    audience = forms.ChoiceField(label=_("Who it is for"), required=False,
                                 choices=[("", _("Anyone")), *Audience.choices])


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    """Directory administrators add and edit services."""

    language_codes = forms.MultipleChoiceField(label=_("Languages"), choices=Language.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    audience_codes = forms.MultipleChoiceField(label=_("Who it serves"), choices=Audience.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = ["name", "name_pl", "name_uk", "name_ru", "provider", "organisation", "type", "summary_en",
                  "summary_pl", "summary_uk", "summary_ru", "phone", "phone_alt", "email", "website", "open_24_7",
                  "days", "opens_at", "closes_at",
                  "eligibility", "nationwide", "voivodeship", "city", "address", "featured", "order", "is_active",
                  "is_demo"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_pl": forms.Textarea(attrs={"rows": 3}),
            "summary_uk": forms.Textarea(attrs={"rows": 3}),
            "summary_ru": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["language_codes"].initial = self.instance.language_list
            self.fields["audience_codes"].initial = self.instance.audience_list
        if user is not None and not user.is_superuser:
            # An organisation's administrator keeps its own entries: which organisation runs it is not theirs to
            # pick, nor whether it is featured on the public pages or where it is listed (directory.services).
            for name in ("organisation", *SYSTEM_ONLY_FIELDS):
                del self.fields[name]

    def service_fields(self) -> dict[str, Any]:
        """What the service functions take: the model fields plus the multi-choice lists, encoded."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.fields}
        probe = Service()
        probe.language_list = self.cleaned_data.get("language_codes") or []
        probe.audience_list = self.cleaned_data.get("audience_codes") or []
        data["languages"], data["audiences"] = probe.languages, probe.audiences
        return data
