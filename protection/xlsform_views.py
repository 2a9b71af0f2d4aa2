"""Download of the HTCDS case registration XLSForm (KoboToolbox / ODK Collect). No personal data in it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from core.permissions import capability_required

from .xlsforms import XLSX_CONTENT_TYPE, htcds_case_form, xlsx_bytes


@capability_required("protection.manage", "protection.view")
def htcds_case_xlsform(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(htcds_case_form()), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="ctims-htcds-case-registration.xlsx"'
    return response
