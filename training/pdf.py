"""PDF documents: certificates (with a verification code and QR code) and printable sign-in sheets.

Names are Polish, Ukrainian or Russian, so a Unicode TrueType font is embedded (DejaVu from the
operating system, path in settings.CTIMS_PDF_FONT_DIR)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF

from .models import Certificate, TrainingEvent

FONT_DIR = Path(getattr(settings, "CTIMS_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))


def _pdf(orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def verification_url(certificate: Certificate, base_url: str | None = None) -> str:
    """The public verification page on the configured public address (or `base_url`: the demo's own address)."""
    from core.public_address import configured_base_url

    base = base_url if base_url is not None else configured_base_url()
    return base.rstrip("/") + reverse("certificate_verify", args=[certificate.code])


def holder_sex(certificate: Certificate) -> str:
    """The holder's recorded sex (event participants), which Polish, Ukrainian and Russian sentences agree with."""
    if certificate.participant_id is not None:
        return str(certificate.participant.sex)  # type: ignore[union-attr]
    return "unknown"


def _gendered(sex: str, female: str, male: str, neutral: str) -> str:
    return {"female": female, "male": male}.get(sex, neutral)


def certificate_details(certificate: Certificate) -> dict[str, Any]:
    """Who issued it (organisation), the trainers, the hours and the expiry date, from its event or course."""
    if certificate.participant_id is not None:
        event = certificate.participant.event  # type: ignore[union-attr]
        return {
            "organisation": event.organisation,
            "trainers": event.trainers,
            "hours": event.hours,
        }
    course = certificate.enrolment.course  # type: ignore[union-attr]
    return {"organisation": course.organisation, "trainers": "", "hours": course.hours}


def certificate_language(certificate: Certificate) -> str:
    """A certificate is written in the language of its event or course, not in the interface language of
    whoever downloads it."""
    if certificate.participant_id is not None:
        return str(certificate.participant.event.language)  # type: ignore[union-attr]
    if certificate.enrolment_id is not None:
        return str(certificate.enrolment.course.language)  # type: ignore[union-attr]
    return translation.get_language() or "en"


def certificate_pdf(certificate: Certificate, base_url: str | None = None) -> bytes:
    with translation.override(certificate_language(certificate)):
        return _certificate_pdf(certificate, base_url)


def _logo(organisation: Any) -> str | None:
    """The organisation's stored logo file (accounts.Organisation.logo, a PNG), if it has one; else its name is
    printed."""
    logo = getattr(organisation, "logo", None)
    try:
        return str(logo.path) if logo and Path(logo.path).is_file() else None
    except (ValueError, AttributeError):
        return None


def _certificate_pdf(certificate: Certificate, base_url: str | None = None) -> bytes:
    details = certificate_details(certificate)
    sex = holder_sex(certificate)
    pdf = _pdf("L")
    pdf.add_page()
    pdf.set_draw_color(11, 12, 12)
    pdf.rect(10, 10, 277, 190)
    organisation = details["organisation"]
    logo = _logo(organisation)
    if logo:
        pdf.image(logo, x=20, y=15, w=110, h=18, keep_aspect_ratio=True)  # fits the box, proportions kept
    else:
        pdf.set_font("body", "B", 12)
        pdf.set_xy(20, 17)
        pdf.cell(150, 8, organisation.name)
    pdf.set_font("body", "B", 30)
    pdf.set_y(35)
    pdf.cell(0, 14, _("Certificate of completion"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "", 14)
    pdf.ln(6)
    pdf.cell(
        0,
        10,
        _gendered(
            sex,
            pgettext("certificate, holder female", "This certifies that"),
            pgettext("certificate, holder male", "This certifies that"),
            _("This certifies that"),
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("body", "B", 24)
    pdf.cell(0, 14, certificate.holder_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "", 14)
    pdf.cell(
        0,
        10,
        _gendered(
            sex,
            pgettext("certificate, holder female", "completed"),
            pgettext("certificate, holder male", "completed"),
            _("completed"),
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("body", "B", 18)
    pdf.multi_cell(0, 10, certificate.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "", 14)
    pdf.cell(
        0,
        10,
        _("on %(date)s") % {"date": formats.date_format(certificate.completed_on, "DATE_FORMAT")},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("body", "", 11)
    facts = []
    if details["hours"]:
        facts.append(_("Hours of training: %(hours)s") % {"hours": formats.number_format(details["hours"])})
    if details["trainers"]:
        facts.append(_("Trainers: %(names)s") % {"names": details["trainers"]})
    if certificate.expires_on:
        facts.append(_("Valid until %(date)s") % {"date": formats.date_format(certificate.expires_on, "DATE_FORMAT")})
    if facts:
        pdf.multi_cell(0, 7, " · ".join(facts), align="C", new_x="LMARGIN", new_y="NEXT")
    url = verification_url(certificate, base_url)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=6, border=2)
    qr.seek(0)
    pdf.image(qr, x=235, y=150, w=40, h=40)
    pdf.set_xy(20, 165)
    pdf.set_font("body", "", 10)
    pdf.multi_cell(
        200,
        6,
        _("Verification code: %(code)s\nCheck this certificate at %(url)s") % {"code": certificate.code, "url": url},
    )
    return bytes(pdf.output())


def sign_in_sheet_pdf(event: TrainingEvent, rows: list[tuple[str, str, str]]) -> bytes:
    """One page per day: number, name, organisation, position and a box to sign."""
    pdf = _pdf("P")
    place = ", ".join(x for x in (event.venue, event.city) if x)
    for day in event.days():
        pdf.add_page()
        pdf.set_font("body", "B", 14)
        pdf.multi_cell(0, 8, f"{event.title} ({event.code})", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("body", "", 10)
        pdf.cell(
            0,
            6,
            f"{_('Date')}: {formats.date_format(day, 'DATE_FORMAT')} · {place}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(3)
        widths = (10, 60, 55, 30, 35)
        headers = ("#", pgettext("of a person", "Name"), _("Organisation"), _("Position"), _("Signature"))
        pdf.set_font("body", "B", 9)
        for w, h in zip(widths, headers, strict=True):
            pdf.cell(w, 8, h, border=1)
        pdf.ln()
        pdf.set_font("body", "", 9)
        for i, (name, org, position) in enumerate(rows, start=1):
            for w, text in zip(widths, (str(i), name, org, position, ""), strict=True):
                pdf.cell(w, 10, text[:40], border=1)
            pdf.ln()
    return bytes(pdf.output())
