"""The dashboards' filter: a period and one of the organisations the viewer may see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation
from core.widgets import DateInput

from .selectors import Period


class FilterForm(forms.Form):
    start = forms.DateField(label=pgettext_lazy("period", "From"), widget=DateInput(), required=False)
    end = forms.DateField(label=pgettext_lazy("period", "To"), widget=DateInput(), required=False)
    organisation = forms.ModelChoiceField(label=pgettext_lazy("filter", "Organisation"),
                                          queryset=Organisation.objects.none(), required=False,
                                          empty_label=None)

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in organisations])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        return data

    def period(self) -> Period:
        default = Period.default()
        return Period(self.cleaned_data.get("start") or default.start, self.cleaned_data.get("end") or default.end)
