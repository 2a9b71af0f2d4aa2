"""Forms of the retention page. Records are named by their code, typed by a person who has it in front of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RecordKind

RECORD_KINDS = [(k, label) for k, label in RecordKind.choices if k != RecordKind.AUDIT]
ERASABLE_KINDS = [(k, label) for k, label in RECORD_KINDS if k != RecordKind.TRAINING]


class RecordForm(forms.Form):
    """Place a legal hold on, or ask for the erasure of, one of the organisation's records."""

    kind = forms.ChoiceField(label=_("Record type"), choices=RECORD_KINDS)
    reference = forms.CharField(label=_("Record code"), max_length=40,
                                help_text=_("As shown on the record: IOM-2026-00042, CALL-138, OBS-12, C-00007, "
                                            "TR-2025-004."))
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("E.g. the court order or the request received, with its date. "
                                         "Kept encrypted and shown to your organisation's administrators."))

    def __init__(self, *args: Any, erasure: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if erasure:
            self.fields["kind"].choices = ERASABLE_KINDS  # type: ignore[attr-defined]
            self.fields["reference"].help_text = _("As shown on the record: IOM-2026-00042, CALL-138, OBS-12, "
                                                   "C-00007.")
            self.fields["reason"].help_text = _("How and when the request came (e.g. a letter of 2 December). Do not "
                                                "write the person's name: the request is kept after the erasure.")


class ReasonForm(forms.Form):
    """Lifting a hold or refusing an erasure request needs a reason."""

    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
