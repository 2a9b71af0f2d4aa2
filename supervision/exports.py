"""A dashboard figure as a file: the same headings and rows as its table on the page."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from .selectors import Figure

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_bytes(figure: Figure) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(figure.columns)
    writer.writerows(figure.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets spreadsheet programs read Cyrillic


def xlsx_bytes(figure: Figure) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = figure.key[:31]
    sheet.append([figure.title])
    sheet.append(list(figure.columns))
    for row in figure.rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def response(figure: Figure, fmt: str, name: str) -> HttpResponse:
    body = csv_bytes(figure) if fmt == "csv" else xlsx_bytes(figure)
    resp = HttpResponse(body, content_type=FORMATS[fmt])
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp
