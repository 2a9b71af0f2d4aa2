"""A case worker whose anonymous export leaves rows out is offered the aggregate tables instead."""

from __future__ import annotations

from accounts.roles import Role
from protection import services
from protection.choices import Gender


def _register(actor, n: int, citizenship: str) -> None:
    for _ in range(n):
        services.register_person(actor, services.Identity(citizenship=citizenship), gender=Gender.FEMININE)


def test_rows_left_out_of_the_export_point_to_the_aggregate_tables(login_as, make_user, iom):
    worker = make_user(Role.CASE_WORKER, iom)
    _register(worker, 11, "UA")
    _register(worker, 1, "VN")  # cannot be protected: left out of the file
    c = login_as(worker)
    page = c.get("/protection/export/").content.decode()
    assert "1 row is left out of the anonymous file" in page
    link = page.split('id="aggregate-alternative"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    table = c.get(link)
    assert table.status_code == 200
    html = table.content.decode()
    assert "Cases by type of exploitation and year" in html
    assert ">12<" in html  # every case counted in the total, the rare one included


def test_no_offer_when_nothing_is_left_out(login_as, make_user, iom):
    worker = make_user(Role.CASE_WORKER, iom)
    _register(worker, 11, "UA")
    page = login_as(worker).get("/protection/export/").content.decode()
    assert "aggregate-alternative" not in page
