"""Read an uploaded table (.xlsx, .xlsm, .csv, a Kobo JSON export) into rows of text.

Every reader returns the same `Table` (see the import contract): cells as text, dates as ISO yyyy-mm-dd,
empty cells as "". A file we cannot read raises `UnreadableFile` with a message a person can act on; it
never escapes as a 500.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CSV_ENCODINGS = ["utf_8", "cp1250", "cp1251", "cp1252", "iso8859_2", "utf_16"]


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", 50_000))


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024))


@dataclass
class Table:
    rows: list[list[str]]
    hidden_rows: set[int] = field(default_factory=set)  # 0-based indexes into rows
    source_format: str = ""
    warnings: list[str] = field(default_factory=list)


class UnreadableFile(Exception):
    """The upload cannot be read; `message` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(value: Any) -> str:
    """One cell as text: dates ISO, whole numbers without '.0', None as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, filename: str) -> Table:
    """Dispatch on the file's name and content."""
    if len(data) > max_bytes():
        raise UnreadableFile(_("The file is %(size)s MB; the largest file CTIMS imports is %(limit)s MB.") % {
            "size": f"{len(data) / 1_048_576:.1f}", "limit": f"{max_bytes() / 1_048_576:.0f}"})
    name = filename.lower()
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if name.endswith(".json"):
        from . import kobo  # helper 8's reader; imported here so either side can land first

        if not kobo.is_kobo_json(data):
            raise UnreadableFile(_("This JSON file is not a KoboToolbox data export (it has no 'results' list)."))
        table: Table = kobo.read_kobo_json(data)
        _check_rows(table)
        return table
    if name.endswith((".xlsx", ".xlsm")):
        return _fold_kobo_options(read_xlsx(data))
    if name.endswith((".csv", ".txt", ".tsv")):
        if zipfile.is_zipfile(io.BytesIO(data)):
            raise UnreadableFile(_("The file is called .csv but it is an Excel workbook: rename it to .xlsx."))
        return _fold_kobo_options(read_csv(data))
    if name.endswith(".xls"):
        raise UnreadableFile(_("Old Excel files (.xls) cannot be read: save the file as .xlsx or CSV."))
    raise UnreadableFile(_("CTIMS imports .xlsx, .xlsm, .csv and KoboToolbox .json files."))


def _fold_kobo_options(table: Table) -> Table:
    """Kobo/ODK exports with one 0/1 column per option of a select-many question ("group/question/option") read
    as one column of codes (the field-forms reader; it warns naming the columns read together)."""
    from . import kobo

    folded: Table = kobo.fold_select_multiple_columns(table)
    return folded


def _check_rows(table: Table) -> None:
    if len(table.rows) > max_rows() + 10:
        raise UnreadableFile(ngettext(
            "The file has more than %(limit)d row; split it into smaller files.",
            "The file has more than %(limit)d rows; split it into smaller files.", max_rows()) % {"limit": max_rows()})


# --- Excel -------------------------------------------------------------------------------------


def read_xlsx(data: bytes) -> Table:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise UnreadableFile(_("This is an old Excel file (.xls) or a password-protected workbook: save it as "
                                   ".xlsx without a password and upload it again."))
        raise UnreadableFile(_("The file is not an Excel workbook, or it was cut off during saving or copying: "
                               "open it in Excel, save it again as .xlsx and upload it again."))
    from openpyxl import load_workbook

    damaged = _("The workbook is damaged (part of it is missing or cut off): open it in Excel, save it again and "
                "upload it again.")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        ws = next((s for s in wb.worksheets if getattr(s, "sheet_state", "visible") == "visible"), wb.worksheets[0])
        path = getattr(ws, "_worksheet_path", None)
        rows: list[list[str]] = []
        for raw in ws.iter_rows(values_only=True):
            rows.append([cell_text(v) for v in raw])
            if len(rows) > max_rows() + 10:
                break
    except UnreadableFile:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds for a damaged file
        raise UnreadableFile(damaged) from exc
    while rows and not any(rows[-1]):
        rows.pop()
    table = Table(rows=rows, source_format="xlsx")
    _check_rows(table)
    if path:
        hidden, formulas = _scan_sheet_xml(data, path)
        table.hidden_rows = hidden
        if formulas:
            shown = ", ".join(formulas[:10]) + (" …" if len(formulas) > 10 else "")
            table.warnings.append(ngettext(
                "%(count)d formula has no saved value (cell %(cells)s): open the file in Excel, save it and upload "
                "it again, or the cell is read as empty.",
                "%(count)d formulas have no saved value (cells %(cells)s): open the file in Excel, save it and "
                "upload it again, or these cells are read as empty.", len(formulas)) % {
                    "count": len(formulas), "cells": shown})
    return table


def _scan_sheet_xml(data: bytes, path: str) -> tuple[set[int], list[str]]:
    """Hidden rows (0-based, as openpyxl's read-only mode does not give them) and formula cells without a
    cached value, read by streaming the sheet's XML once."""
    hidden: set[int] = set()
    formulas: list[str] = []
    row_index = -1
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(path.lstrip("/")) as fh:
            for _event, el in iterparse(fh, events=("end",)):
                tag = el.tag
                if tag == XLSX_NS + "c":
                    f = el.find(XLSX_NS + "f")
                    if f is not None:
                        v = el.find(XLSX_NS + "v")
                        if v is None or not (v.text or ""):
                            formulas.append(el.get("r", "?"))
                elif tag == XLSX_NS + "row":
                    r = el.get("r")
                    row_index = int(r) - 1 if r and r.isdigit() else row_index + 1
                    if el.get("hidden") in ("1", "true"):
                        hidden.add(row_index)
                    el.clear()
    except (KeyError, ParseError, zipfile.BadZipFile, EOFError, OSError):
        pass  # already read by openpyxl; the scan only adds hints
    return hidden, formulas


# --- CSV ---------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CSV_ENCODINGS).best()
    if best is None:
        raise UnreadableFile(_("The file is not text we can read: save it as CSV (UTF-8) or as .xlsx."))
    return str(best), best.encoding


def read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    if "\x00" in text[:4096]:
        raise UnreadableFile(_("The file is not text we can read: save it as CSV (UTF-8) or as .xlsx."))
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        delimiter = max(",;\t", key=first.count)
    rows: list[list[str]] = []
    try:
        for raw in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append([c.strip() for c in raw])
            if len(rows) > max_rows() + 10:
                break
    except csv.Error as exc:
        raise UnreadableFile(_("Line %(line)d of the CSV file cannot be read (%(error)s).") % {
            "line": len(rows) + 1, "error": str(exc)}) from exc
    while rows and not any(rows[-1]):
        rows.pop()
    table = Table(rows=rows, source_format=f"csv ({encoding}, {'tab' if delimiter == chr(9) else delimiter})")
    _check_rows(table)
    return table

