"""A field the form will require is never labelled "(optional)": the closure reason and the reason for an
identified export are required by the form's own declaration (core.forms.RequiredWhenMixin), which also
drives the label."""

from __future__ import annotations

import re

from accounts.roles import Role
from protection.choices import CaseStatus
from protection.models import Case


def _label(page: str, text: str) -> str:
    match = re.search(r"<(?:label|legend)[^>]*>\s*" + re.escape(text) + r".*?</(?:label|legend)>", page, re.S)
    assert match, text
    return match.group(0)


def test_the_closure_reason_is_not_marked_optional_and_closing_without_it_is_refused(login_as, iom_worker,
                                                                                       make_case):
    case = make_case()
    client = login_as(iom_worker)
    page = client.get(f"/protection/cases/{case.id}/status/").content.decode()
    assert "optional" not in _label(page, "Reason for case closure")
    refused = client.post(f"/protection/cases/{case.id}/status/", {"status": CaseStatus.CLOSED, "closure_reason": " "})
    assert "Give the reason for closing the case." in refused.content.decode()
    assert Case.objects.get(pk=case.id).status == CaseStatus.ACTIVE


def test_the_export_reason_is_not_marked_optional_but_a_truly_optional_field_is(login_as, make_user, iom, make_case):
    make_case()
    client = login_as(make_user(Role.SUPERVISOR, iom, username="iom.supervisor"))
    page = client.get("/protection/export/").content.decode()
    assert "optional" not in _label(page, "Why you need names and contacts")
    refused = client.post("/protection/export/", {"format": "csv", "identified": "on", "reason": ""})
    assert "Say why you need names and contacts in the export." in refused.content.decode()


def test_the_marker_follows_the_form_declaration():
    from django import forms
    from django.template.loader import render_to_string

    from core.forms import RequiredWhenMixin

    class Form(RequiredWhenMixin, forms.Form):
        required_when = {"why": ("kind", ("named",))}
        kind = forms.ChoiceField(choices=[("anonymous", "Anonymous"), ("named", "Named")])
        why = forms.CharField(label="Why", required=False)
        note = forms.CharField(label="Note", required=False)

    form = Form()
    assert "(optional)" not in render_to_string("includes/field.html", {"field": form["why"]})
    assert "(optional)" in render_to_string("includes/field.html", {"field": form["note"]})
    assert not Form({"kind": "named", "why": ""}).is_valid()
    assert Form({"kind": "anonymous", "why": ""}).is_valid()
