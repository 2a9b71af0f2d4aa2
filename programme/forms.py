from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Source


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date):
            if end < start:
                self.add_error("end", _("The end of the period cannot come before its start."))
            elif (end - start).days > 3660:
                self.add_error("end", _("A report covers at most ten years."))
        return data


class ManualValueForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.filter(source=Source.MANUAL))
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=12, decimal_places=2)
    female = forms.IntegerField(label=_("of whom women"), min_value=0, required=False)
    male = forms.IntegerField(label=_("of whom men"), min_value=0, required=False)
    evidence = forms.FileField(label=_("Evidence"), help_text=_("A PDF, photo or office document, up to 10 MB."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
