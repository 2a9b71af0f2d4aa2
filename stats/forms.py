from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import tables
from .models import Mechanism
from .services import FIRST_YEAR, MAX_DELTA, MAX_EPSILON


def _table_choices() -> list[tuple[str, str]]:
    return [(k, str(t.title)) for k, t in tables.TABLES.items()]


class TableForm(forms.Form):
    table = forms.ChoiceField(label=_("Table"), choices=_table_choices)
    year_from = forms.IntegerField(label=_("From year"), min_value=FIRST_YEAR)
    year_to = forms.IntegerField(label=_("To year"), min_value=FIRST_YEAR)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        for name in ("year_from", "year_to"):
            field = self.fields[name]
            assert isinstance(field, forms.IntegerField)
            field.max_value = this_year
            field.widget.attrs["max"] = this_year
            field.validators.append(forms.IntegerField(max_value=this_year).validators[-1])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("year_from") and data.get("year_to") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", _("The last year cannot come before the first."))
        return data


class SuppressionForm(TableForm):
    threshold = forms.IntegerField(label=_("Hide counts below"), min_value=2, max_value=100, initial=11,
                                   help_text=_("CTDC publishes nothing rarer than 11."))


class ReleaseForm(TableForm):
    mechanism = forms.ChoiceField(label=_("Noise"), choices=Mechanism.choices, initial=Mechanism.LAPLACE)
    epsilon = forms.FloatField(label=_("Privacy loss ε"), min_value=0.01, max_value=MAX_EPSILON, initial=1.0,
                               help_text=_("Smaller ε: more noise and more privacy. 1 is a common choice."))
    delta = forms.FloatField(label=_("δ (Gaussian noise only)"), min_value=0, max_value=MAX_DELTA, required=False,
                             initial=1e-7)
    public = forms.BooleanField(label=_("Show on the public statistics page"), required=False, initial=True)
