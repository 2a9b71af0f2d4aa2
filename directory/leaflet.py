"""The printable one-page leaflet for reception points: warning signs, helplines and a QR code to the public site.

Drawn with fpdf2 in a TTF font that has Polish and Cyrillic letters (DejaVu Sans from Debian's
fonts-dejavu-core, installed by scripts/setup.sh; the folder is the CTIMS_LEAFLET_FONT_DIR setting).
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from . import selectors
from .public_text import warning_sign_headlines

INK = (11, 12, 12)
BRAND = (29, 59, 111)
DANGER = (197, 42, 26)
MUTED = (80, 90, 95)
HELPLINE_HEIGHT = 26  # mm one helpline needs; the list stops before it would reach the QR code
QR_SIZE = 42


def public_url(language: str, base_url: str | None = None) -> str:
    """Where the QR code points: the public home page, opened in the leaflet's language, on the configured public
    address (core.public_address; the demo passes the address it is served on)."""
    from core.public_address import configured_base_url

    return f"{(base_url if base_url is not None else configured_base_url()).rstrip('/')}/?lang={language}"


def _font_dir() -> Path:
    folder = Path(settings.CTIMS_LEAFLET_FONT_DIR)
    if not (folder / "DejaVuSans.ttf").exists():
        raise ImproperlyConfigured(
            f"DejaVuSans.ttf is not in {folder}: install Debian's fonts-dejavu-core (scripts/setup.sh does) "
            "or set CTIMS_LEAFLET_FONT_DIR to a folder that has it.")
    return folder


def render(language: str, base_url: str | None = None) -> bytes:
    """The leaflet as PDF bytes, in `language` (one of settings.LANGUAGES); its QR code leads to `base_url`
    (default: the configured public address)."""
    with translation.override(language):
        return _draw(language, base_url)


def _draw(language: str, base_url: str | None = None) -> bytes:
    fonts = _font_dir()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(_("Stay safe when you travel, live and work in Poland"))
    pdf.set_lang(language)
    pdf.set_creator("CTIMS")
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 12, 15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # title band
    pdf.set_fill_color(*BRAND)
    pdf.rect(0, 0, pdf.w, 38, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(15, 9)
    pdf.set_font("DejaVu", "B", 22)
    pdf.multi_cell(width, 10, _("Stay safe when you travel, live and work in Poland"), align="L")
    pdf.set_y(44)

    # danger line
    pdf.set_fill_color(251, 233, 231)
    pdf.set_draw_color(*DANGER)
    pdf.set_line_width(1)
    pdf.set_text_color(*DANGER)
    pdf.set_font("DejaVu", "B", 17)
    pdf.cell(width, 14, _("In danger? Call 112."), border=1, fill=True, align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)

    # warning signs
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(width, 8, _("Be careful if someone:"), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 13)
    for line in warning_sign_headlines():
        pdf.set_x(17)
        pdf.cell(6, 6.5, "•")
        pdf.multi_cell(width - 8, 6.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(3)

    # helplines
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(width, 8, _("Whom to call:"), align="L", new_x="LMARGIN", new_y="NEXT")
    foot = pdf.h - 12 - QR_SIZE
    for service in selectors.featured_helplines():
        if pdf.get_y() + HELPLINE_HEIGHT > foot:
            break
        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(0.4)
        top = pdf.get_y() + 1
        pdf.set_xy(17, top + 1)
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(width - 4, 6.5, service.display_name(language), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(17)
        pdf.set_font("DejaVu", "B", 19)
        pdf.set_text_color(*BRAND)
        pdf.multi_cell(width - 4, 9, "   ".join(service.phones()), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*MUTED)
        pdf.set_font("DejaVu", "", 10.5)
        details = [d for d in (service.hours_label(), ", ".join(service.language_labels())) if d]
        if details:
            pdf.set_x(17)
            pdf.multi_cell(width - 4, 5, " · ".join(details), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.line(15, top, 15, pdf.get_y() + 1)
        pdf.set_y(pdf.get_y() + 2)

    # QR code to the public site, at the foot of the page
    url = public_url(language, base_url)
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=8, border=2)
    qr.seek(0)
    pdf.image(qr, x=pdf.w - pdf.r_margin - QR_SIZE, y=foot, w=QR_SIZE, h=QR_SIZE)
    pdf.set_xy(15, foot + 4)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(width - QR_SIZE - 6, 6.5, _("Scan the code for warning signs, your rights at work and "
                                               "services near you."), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(*MUTED)
    pdf.set_x(15)
    pdf.multi_cell(width - QR_SIZE - 6, 5, url, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(15)
    pdf.multi_cell(width - QR_SIZE - 6, 5, _("Help is free and confidential. You do not have to give your name."),
                   align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
