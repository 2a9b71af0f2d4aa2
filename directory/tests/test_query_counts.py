"""The public home page, the busiest anonymous page, costs a fixed small number of queries (no session, no
per-visitor work): a query added per helpline or service shown would break this cap."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.test import Client

HOME_QUERIES = 6


def test_public_home_queries_are_few_and_fixed(client: Client, db: None, django_assert_max_num_queries: Any) -> None:
    cache.clear()
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="' in response.content.decode()
