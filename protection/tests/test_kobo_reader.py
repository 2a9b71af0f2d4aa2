"""Reading KoboToolbox exports: a saved REST v2 JSON export becomes one row per submission (group paths by
their last segment, repeat groups one entry per line, attachments by file name); a file that is not one, or is
cut off, gets a message instead of an error page; Kobo's one-0/1-column-per-option layout is read as one answer."""

from __future__ import annotations

import json

import pytest

from protection.imports.kobo import fold_select_multiple_columns, is_kobo_json, read_kobo_json
from protection.imports.readers import Table, UnreadableFile, read_table

SUBMISSION = {
    "_id": 301457781, "formhub/uuid": "8c1f3e2b9a4d4f6b8e0c7d5a2b1f9e3c", "start": "2026-11-28T09:38:12.204+01:00",
    "observation/place": "bcp_medyka", "observation/offer_types": "transport accommodation",
    "vehicles": [{"vehicles/plate": "RP 81234", "vehicles/colour": "white"}, {"vehicles/plate": "LU 4321A"}],
    "meta/instanceID": "uuid:0b7c3a52-5d4e-4f0a-9a61-2f3c8e1d7b90", "_uuid": "0b7c3a52-5d4e-4f0a-9a61-2f3c8e1d7b90",
    "_attachments": [{"download_url": "https://kf.kobotoolbox.org/api/v2/assets/aHm9/data/301457781/attachments/9/",
                      "mimetype": "image/jpeg", "filename": "sg/attachments/8c1f/0b7c/1764319268412.jpg",
                      "instance": 301457781, "xform": 1948273, "id": 9}],
    "_geolocation": [49.8013, 22.9402], "_tags": ["leaflets", "bus"], "_validation_status": {
        "timestamp": 1764436211, "uid": "validation_status_approved", "by_whom": "sg_lublin", "label": "Approved"},
    "_submission_time": "2026-11-28T08:47:03",
}


def _export(results: list[dict[str, object]], count: int | None = None) -> bytes:
    return json.dumps({"count": count or len(results), "next": None, "previous": None, "results": results}).encode()


def test_a_kobo_json_export_becomes_one_row_per_submission() -> None:
    table = read_table(_export([SUBMISSION]), "aHm9_data.json")

    row = dict(zip(table.rows[0], table.rows[1], strict=True))
    assert table.source_format == "kobo_json" and len(table.rows) == 2 and table.warnings == []
    assert row["place"] == "bcp_medyka" and row["offer_types"] == "transport accommodation"
    assert row["instanceID"] == "uuid:0b7c3a52-5d4e-4f0a-9a61-2f3c8e1d7b90"
    assert row["formhub_uuid"] == "8c1f3e2b9a4d4f6b8e0c7d5a2b1f9e3c"  # not "uuid": it is the form's, not the row's
    assert row["plate"] == "RP 81234\nLU 4321A" and row["colour"] == "white"  # a repeat group, one entry per line
    assert row["_attachments"] == "1764319268412.jpg"
    assert row["_geolocation"] == "49.8013 22.9402" and row["_tags"] == "leaflets, bus"
    assert row["_validation_status"] == "validation_status_approved"


def test_one_page_of_a_longer_export_is_read_with_a_warning() -> None:
    table = read_kobo_json(_export([SUBMISSION], count=250))

    assert len(table.rows) == 2
    assert table.warnings and "250" in table.warnings[0]


@pytest.mark.parametrize(("data", "message"), [
    (_export([SUBMISSION])[:-40], "cut off"),
    (b'{"type": "FeatureCollection", "features": []}', "KoboToolbox"),
    (b'{"count": 0, "next": null, "previous": null, "results": []}', "KoboToolbox"),
])
def test_a_json_file_that_is_not_a_whole_kobo_export_gets_a_message(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_table(data, "export.json")


def test_a_kobo_export_is_told_from_other_json() -> None:
    assert is_kobo_json(_export([SUBMISSION]))
    assert is_kobo_json(json.dumps([SUBMISSION]).encode())  # the older v1 API: a bare list
    assert not is_kobo_json(b'[{"name": "Medyka"}]')
    assert not is_kobo_json(b"\xff\xfe not json")


def test_option_columns_are_folded_into_one_answer() -> None:
    """Kobo's XLSX with labels as headers: the question's own column and one 0/1 column per option."""
    table = Table(rows=[
        ["Place", "What was offered", "What was offered/Transport", "What was offered/Work", "Risk level"],
        ["bcp_medyka", "transport work", "1", "1", "high"],
        ["bcp_medyka", "work", "0", "1", "low"],
    ], source_format="xlsx")

    folded = fold_select_multiple_columns(table)

    assert folded.rows == [["Place", "What was offered", "Risk level"], ["bcp_medyka", "transport work", "high"],
                           ["bcp_medyka", "work", "low"]]
    assert "What was offered/Transport" in folded.warnings[0]


def test_option_columns_alone_become_the_question_s_column() -> None:
    table = Table(rows=[
        ["observation/place", "observation/offer_types/transport", "observation/offer_types/work", "_index"],
        ["bcp_medyka", "1", "0", "1"],
        ["bcp_medyka", "1", "1", "2"],
    ], source_format="xlsx")

    folded = fold_select_multiple_columns(table)

    assert folded.rows == [["observation/place", "observation/offer_types", "_index"],
                           ["bcp_medyka", "transport", "1"], ["bcp_medyka", "transport work", "2"]]


def test_a_group_of_ordinary_questions_is_not_folded() -> None:
    table = Table(rows=[["person/first_name", "person/age"], ["Olena", "1"]], source_format="xlsx")

    assert fold_select_multiple_columns(table).rows == table.rows
