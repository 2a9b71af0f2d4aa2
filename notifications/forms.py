from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class EmailPreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail for"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Every notification also shows in CTIMS. E-mails name the record by its code only, with a "
                    "link: never a person's name."))
