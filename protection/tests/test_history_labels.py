"""The case history names the parts someone opened in the reader's language, not as audit field names."""

from __future__ import annotations


def test_the_history_names_opened_parts_in_polish(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    client.get(f"/protection/cases/{case.id}/identity/")
    client.cookies["ctims_language"] = "pl"
    history = client.get(f"/protection/cases/{case.id}/history/").content.decode()
    assert "Tożsamość i kontakty" in history
    assert "<td>identity</td>" not in history
