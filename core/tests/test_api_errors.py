"""Every API error has the same JSON shape, {"error": {"code", "message"}}, with the right status."""

from __future__ import annotations

from accounts.roles import Role


def _shape(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_an_unknown_route_is_a_json_404(client, db):
    for path in ("/api/v1/no-such-thing", "/api/v2/me", "/api/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert _shape(response)["code"] == "not_found"


def test_a_missing_field_names_the_field(client, db):
    response = client.post("/api/v1/auth/token", {"username": "michal"}, content_type="application/json")
    assert response.status_code == 422
    error = _shape_with_fields(response)
    assert error["code"] == "validation_error"
    assert "password" in error["message"]
    assert [f["field"] for f in error["fields"]] == ["password"]


def _shape_with_fields(response) -> dict:
    body = response.json()
    assert set(body["error"]) >= {"code", "message", "fields"}
    return body["error"]


def test_a_body_that_is_not_json_is_a_400(client, db):
    response = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert _shape(response)["code"] == "bad_request"


def test_the_wrong_method_is_a_json_405(client, db):
    response = client.get("/api/v1/auth/token")
    assert response.status_code == 405
    assert _shape(response)["code"] == "method_not_allowed"
    assert "POST" in response["Allow"]


def test_no_credentials_is_a_401(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert _shape(response)["code"] == "not_authenticated"


def test_a_wrong_type_in_the_query_is_a_422(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.get("/api/v1/users/not-a-number")
    assert response.status_code in (404, 422)
    _shape(response)


def test_the_session_api_needs_the_csrf_token_for_writes(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.LEARNER))
    assert client.get("/api/v1/me").status_code == 200
    response = client.post("/api/v1/auth/token", {"username": "x", "password": "y"}, content_type="application/json")
    assert response.status_code == 401  # public endpoint: answered, but it grants nothing


def test_the_openapi_schema_and_docs_are_served_locally(client, db):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/auth/token" in schema.json()["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in docs
    assert "/static/" in docs


def test_the_message_is_in_the_callers_language_and_the_code_stays(client, make_user):
    english = _shape(client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en"))
    ukrainian = _shape(client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="uk"))
    assert english["code"] == ukrainian["code"] == "not_authenticated"
    assert ukrainian["message"] == "Увійдіть або надішліть чинний токен як 'Authorization: Bearer <token>'."
    missing = _shape_with_fields(client.post("/api/v1/auth/token", {"username": "michal"},
                                             content_type="application/json", HTTP_ACCEPT_LANGUAGE="pl"))
    assert missing["message"] == "Brakuje niektórych pól lub są nieprawidłowe: password."
    client.force_login(make_user(Role.CASE_WORKER))
    scope = _shape(client.get("/api/v1/protection/cases?scope=everything", HTTP_ACCEPT_LANGUAGE="ru"))
    assert scope["code"] == "bad_scope"
    assert scope["message"] == "scope принимает одно из значений: all, mine, organisation, shared."
