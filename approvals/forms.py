from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return"))])
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Needed when you return it: what should the case worker change?"))


class TransferAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=[("accept", _("Accept")), ("refuse", _("Refuse"))])
    reason = forms.CharField(label=_("Reason for refusing"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class PolicyForm(forms.Form):
    case_plan = forms.BooleanField(label=_("Support plans written by case workers"), required=False)
    closure = forms.BooleanField(label=_("Case closures by case workers"), required=False)
    transfer = forms.BooleanField(label=_("Transfers to another organisation by case workers"), required=False)
