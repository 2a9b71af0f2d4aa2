"""The donor report as files: XLSX (one sheet per level, plus the disaggregations) and PDF (a narrative page
per outcome with a chart), in the language the report is asked for."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF

from .results import IndicatorResult, Report

FONT_DIR = Path(getattr(settings, "CTIMS_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))


def _num(v: Decimal | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def _header() -> list[str]:
    return [_("Code"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Period"),
            _("This period"), _("Previous period"), _("Change"), _("Project to date"), _("Share of target (%)"),
            _("Means of verification"), _("Source"), _("Note")]


def _row(r: IndicatorResult) -> list[object]:
    i = r.indicator
    return [i.code, i.title, i.unit, _num(i.baseline), _num(i.target), i.period, _num(r.current.value),
            _num(r.previous.value), _num(r.change), _num(r.to_date.value), r.percent_of_target,
            i.means_of_verification, i.get_source_display(), r.current.note]


def xlsx(rep: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = _("Project")[:31]
    info.append([_("Project"), rep.project.title])
    info.append([_("Donor"), rep.project.donor])
    info.append([_("Reporting period"), str(rep.period)])
    info.append([_("Previous period"), str(rep.period.previous)])
    info.append([_("Aligned with"), "; ".join(rep.project.alignment_labels())])
    outcomes = wb.create_sheet(_("Outcomes")[:31])
    outcomes.append([_("Outcome"), *_header()])
    outputs = wb.create_sheet(_("Outputs")[:31])
    outputs.append([_("Outcome"), _("Output"), *_header()])
    disagg = wb.create_sheet(_("Disaggregations")[:31])
    disagg.append([_("Code"), _("Indicator"), _("Disaggregated by"), _("Category"), _("This period"),
                   _("Previous period")])
    for o in rep.outcomes:
        for r in o.indicators:
            outcomes.append([f"{o.outcome.code} {o.outcome.title}", *_row(r)])
        for out in o.outputs:
            for r in out.indicators:
                outputs.append([f"{o.outcome.code}", f"{out.code} {out.title}", *_row(r)])
        for r in o.all_indicators():
            for dim, label, now, before in (
                ("sex", _("sex"), r.current.by_sex, r.previous.by_sex),
                ("organisation", _("organisation"), r.current.by_organisation, r.previous.by_organisation),
            ):
                if dim not in r.indicator.disaggregations:
                    continue
                for category in sorted(set(now) | set(before)):
                    disagg.append([r.indicator.code, r.indicator.title, label, category, now.get(category, 0),
                                   before.get(category, 0)])
    bold = Font(bold=True)
    for sheet in wb.worksheets[1:]:
        for cell in sheet[1]:
            cell.font = bold
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fmt(v: Decimal | None) -> str:
    n = _num(v)
    return "—" if n is None else f"{n:g}" if isinstance(n, float) else str(n)


def _para(doc: FPDF, height: float, text: str) -> None:
    doc.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")


def pdf(rep: Report) -> bytes:
    doc = FPDF(orientation="P", unit="mm", format="A4")
    doc.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
    doc.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    doc.set_auto_page_break(auto=True, margin=15)
    doc.add_page()
    doc.set_font("body", "B", 16)
    _para(doc, 8, rep.project.title)
    doc.set_font("body", "", 11)
    doc.ln(2)
    _para(doc, 6, _("Results report for %(period)s, compared with %(previous)s.")
                   % {"period": rep.period, "previous": rep.period.previous})
    if rep.project.donor:
        _para(doc, 6, _("Donor: %(donor)s") % {"donor": rep.project.donor})
    _para(doc, 6, _("Aligned with: %(list)s") % {"list": "; ".join(rep.project.alignment_labels())})
    for o in rep.outcomes:
        doc.add_page()
        doc.set_font("body", "B", 13)
        _para(doc, 7, f"{o.outcome.code} {o.outcome.title}")
        doc.set_font("body", "", 10)
        if o.outcome.narrative:
            doc.ln(1)
            _para(doc, 5, o.outcome.narrative)
        for r in o.all_indicators():
            doc.ln(2)
            doc.set_font("body", "B", 10)
            _para(doc, 5, f"{r.indicator.code} {r.indicator.title} ({r.indicator.unit})")
            doc.set_font("body", "", 9)
            _para(doc, 5, _("This period %(now)s; previous period %(before)s; project to date %(total)s of "
                                   "a target of %(target)s (baseline %(baseline)s).")
                           % {"now": _fmt(r.current.value), "before": _fmt(r.previous.value),
                              "total": _fmt(r.to_date.value), "target": _fmt(r.indicator.target),
                              "baseline": _fmt(r.indicator.baseline)})
            parts = [f"{k}: {v}" for k, v in r.current.by_sex_display]
            if parts:
                _para(doc, 5, _("By sex: %(list)s") % {"list": ", ".join(parts)})
            if r.current.note:
                _para(doc, 5, r.current.note)
            _chart(doc, r)
    return bytes(doc.output())


def _chart(doc: FPDF, r: IndicatorResult) -> None:
    """Three horizontal bars: this period, the previous period, and the project to date against the target."""
    bars = [(_("This period"), r.current.value), (_("Previous period"), r.previous.value),
            (_("Project to date"), r.to_date.value), (_("Target"), r.indicator.target)]
    top = max([float(v) for _l, v in bars if v is not None] + [1.0])
    width = 100.0
    doc.set_font("body", "", 8)
    for label, value in bars:
        if doc.get_y() > 270:
            doc.add_page()
        y = doc.get_y() + 1
        doc.set_xy(15, y)
        doc.cell(40, 4, label)
        w = 0.0 if value is None else float(value) / top * width
        doc.set_fill_color(31, 94, 160) if label != _("Target") else doc.set_fill_color(170, 170, 170)
        if w > 0:
            doc.rect(56, y + 0.5, max(w, 0.5), 3, style="F")
        doc.set_xy(58 + w, y)
        doc.cell(20, 4, _fmt(value))
        doc.set_y(y + 4)
