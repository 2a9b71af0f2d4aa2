"""KoboToolbox and ODK exports read into the import engine's Table.

`read_kobo_json` reads a saved Kobo REST v2 data export (`/api/v2/assets/<uid>/data/?format=json`);
`fold_select_multiple_columns` turns Kobo's "one 0/1 column per option" layout of a select_multiple
question (XLSX and CSV exports) back into one column of codes, as the mapping step expects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .readers import Table, UnreadableFile

SOURCE_FORMAT = "kobo_json"
# Keys every Kobo (KPI / KoBoCAT) submission carries; one of them is enough to recognise an export.
SUBMISSION_KEYS = ("_uuid", "_submission_time", "meta/instanceID", "_xform_id_string")
TRUE_VALUES = {"1", "true", "True", "TRUE"}
# Paths Kobo adds to every submission whose last segment would read as a question of the form.
RENAMED_PATHS = {"formhub/uuid": "formhub_uuid"}
# What KoboToolbox and ODK record about a submission rather than its answers: a target lists these as
# not stored (extra["not_stored"]), so the mapping page proposes "ignore" and says why.
METADATA_REASON = gettext_lazy("recorded by KoboToolbox or ODK about the submission, not one of its answers")
METADATA_COLUMNS = ("_id", "formhub_uuid", "start", "end", "today", "deviceid", "username", "phonenumber",
                    "simserial", "subscriberid", "audit", "instanceName", "__version__", "_version_",
                    "_xform_id_string", "_attachments", "_status", "_geolocation", "_submission_time", "_tags",
                    "_notes", "_validation_status", "_submitted_by", "_index", "_parent_index",
                    "_parent_table_name", "_submission__id", "_submission__uuid")


def metadata_not_stored() -> dict[str, object]:
    """{column: reason} for a target's extra["not_stored"]: Kobo's and ODK's own columns."""
    return dict.fromkeys(METADATA_COLUMNS, METADATA_REASON)
FALSE_VALUES = {"0", "false", "False", "FALSE", ""}


def _parse(data: bytes) -> Any:
    text = data.decode("utf-8-sig")
    return json.loads(text)


def _submissions(parsed: Any) -> list[dict[str, Any]] | None:
    """The submissions of a v2 page ({"count", "next", "results"}) or of a bare list; None if it is neither."""
    results = parsed.get("results") if isinstance(parsed, dict) else parsed
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        return None
    return results


def is_kobo_json(data: bytes) -> bool:
    """Whether the bytes are a saved Kobo data export (checked on the first submission's keys).

    A cut-off export still counts when its beginning is Kobo's, so the reader can say it is cut off."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head not in (b"{", b"["):
        return False
    try:
        submissions = _submissions(_parse(data))
    except (UnicodeDecodeError, ValueError):
        start = data[:8192]
        return b'"results"' in start and any(f'"{k}"'.encode() in start for k in SUBMISSION_KEYS)
    return bool(submissions) and any(k in submissions[0] for k in SUBMISSION_KEYS)  # type: ignore[index]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _attachment_names(value: Any) -> str:
    """Attachments by file name (the export holds only links to Kobo's server, which CTIMS does not call)."""
    names = []
    for attachment in value if isinstance(value, list) else []:
        if isinstance(attachment, dict):
            name = str(attachment.get("media_file_basename") or attachment.get("filename") or "")
            names.append(name.rsplit("/", 1)[-1])
    return "\n".join(n for n in names if n)


def _flatten(submission: dict[str, Any]) -> dict[str, str]:
    """One submission as {path: text}: repeat groups joined one entry per line, Kobo's own lists made text."""
    out: dict[str, str] = {}
    for key, value in submission.items():
        if key == "_attachments":
            out[key] = _attachment_names(value)
        elif key == "_geolocation":
            points = [p for p in value or [] if p is not None] if isinstance(value, list) else []
            out[key] = " ".join(_text(p) for p in points)
        elif key == "_validation_status":
            out[key] = _text(value.get("uid", "")) if isinstance(value, dict) else _text(value)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            # a repeat group: [{"vehicles/plate": "WA 1"}, {"vehicles/plate": "LU 2"}]
            for entry in value:
                for sub_key, text in _flatten(entry).items():
                    out[sub_key] = f"{out[sub_key]}\n{text}" if sub_key in out else text
        elif isinstance(value, list):
            out[key] = ", ".join(_text(v) for v in value)
        else:
            out[key] = _text(value)
    return out


def _column_names(paths: list[str]) -> list[str]:
    """Each path by its last segment ("observation/place" -> "place"), the full path where two would clash."""
    paths = [RENAMED_PATHS.get(p, p) for p in paths]
    last = [p.rsplit("/", 1)[-1] for p in paths]
    return [name if last.count(name) == 1 else path for path, name in zip(paths, last, strict=True)]


def read_kobo_json(data: bytes) -> Table:
    """A Kobo REST v2 JSON export as a Table: one row per submission, the header row first."""
    try:
        parsed = _parse(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UnreadableFile(_("The file is not valid JSON: it may be cut off or not a KoboToolbox export.")) from exc
    submissions = _submissions(parsed)
    if submissions is None:
        raise UnreadableFile(_("This JSON file is not a KoboToolbox data export: it has no list of submissions "
                               "(\"results\")."))
    if not submissions:
        raise UnreadableFile(_("The KoboToolbox export has no submissions."))
    flat = [_flatten(s) for s in submissions]
    paths: dict[str, None] = {}
    for row in flat:
        paths.update(dict.fromkeys(row))
    ordered = list(paths)
    rows = [_column_names(ordered)] + [[row.get(p, "") for p in ordered] for row in flat]
    warnings = []
    count = parsed.get("count") if isinstance(parsed, dict) else None
    if isinstance(count, int) and count > len(submissions):
        warnings.append(ngettext(
            "The export is one page of %(count)d submission; this file holds %(here)d. Save every page "
            "(or export with a larger limit) to import them all.",
            "The export is one page of %(count)d submissions; this file holds %(here)d. Save every page "
            "(or export with a larger limit) to import them all.", count) % {"count": count, "here": len(submissions)})
    return Table(rows=rows, hidden_rows=set(), source_format=SOURCE_FORMAT, warnings=warnings)


# --- select_multiple as one 0/1 column per option (Kobo XLSX / CSV exports) -------------------------


def _is_flag_column(rows: list[list[str]], index: int) -> bool:
    values = {row[index].strip() if index < len(row) else "" for row in rows[1:]}
    return values <= TRUE_VALUES | FALSE_VALUES and bool(values & TRUE_VALUES | values & {"0", "false", "False"})


def _option_runs(header: list[str], rows: list[list[str]]) -> list[tuple[str, list[int]]]:
    """Adjacent columns "question/option" whose cells are all 0/1: Kobo's layout of one select_multiple."""
    runs: list[tuple[str, list[int]]] = []
    for i, name in enumerate(header):
        if "/" not in name or not _is_flag_column(rows, i):
            continue
        prefix = name.rsplit("/", 1)[0]
        if runs and runs[-1][0] == prefix and runs[-1][1][-1] == i - 1:
            runs[-1][1].append(i)
        else:
            runs.append((prefix, [i]))
    return runs


def _folds(header: list[str], runs: Iterable[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    """The runs that are option columns: there is a column of the question itself, or two options or more."""
    return [(prefix, idx) for prefix, idx in runs if prefix in header or len(idx) >= 2]


def fold_select_multiple_columns(table: Table) -> Table:
    """Fold Kobo's per-option 0/1 columns ("offer_types/transport") into one column of option codes.

    Where the export also has the question's own column ("offer_types", space-separated codes), the
    option columns are left out of the mapping as that column's copy; otherwise a column named after
    the question is put in their place. Either way a warning names the columns read together, so the
    person importing sees that none was dropped. The header is the first row (as Kobo writes it).
    """
    if not table.rows:
        return table
    header = [h.strip() for h in table.rows[0]]
    folds = _folds(header, _option_runs(header, table.rows))
    if not folds:
        return table
    folded_columns = {i for _prefix, idx in folds for i in idx}
    first_of = {idx[0]: (prefix, idx) for prefix, idx in folds}
    warnings = list(table.warnings)
    new_rows: list[list[str]] = []
    for r, row in enumerate(table.rows):
        out: list[str] = []
        for i, cell in enumerate(row):
            if i in first_of:
                prefix, idx = first_of[i]
                if prefix not in header:
                    out.append(prefix if r == 0 else _selected(header, row, idx, prefix))
                continue
            if i not in folded_columns:
                out.append(cell)
        new_rows.append(out)
    for prefix, idx in folds:
        options = ", ".join(header[i] for i in idx)
        if prefix in header:
            warnings.append(_("Columns %(options)s repeat the answers of column “%(column)s”, which is imported "
                              "instead.") % {"options": options, "column": prefix})
        else:
            warnings.append(_("Columns %(options)s were read as the answers of one question, “%(column)s”.")
                            % {"options": options, "column": prefix})
    return Table(rows=new_rows, hidden_rows=set(table.hidden_rows), source_format=table.source_format,
                 warnings=warnings)


def _selected(header: list[str], row: list[str], indexes: list[int], prefix: str) -> str:
    chosen = [header[i][len(prefix) + 1:] for i in indexes if i < len(row) and row[i].strip() in TRUE_VALUES]
    separator = "; " if any(" " in c for c in chosen) else " "
    return separator.join(chosen)
