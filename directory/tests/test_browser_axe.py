"""A person using a screen reader or a keyboard can use the public pages in every language: axe-core
(npm, node_modules/axe-core) finds no WCAG 2.x A/AA violation on them.

axe is evaluated through the DevTools protocol (page.evaluate), which the site's CSP does not block,
so the page under test keeps its production CSP."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PUBLIC_PAGES = ["/", "/help/warning-signs/", "/help/what-to-do/", "/help/helplines/", "/help/services/",
                "/help/report/"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


@pytest.mark.parametrize("language", ["en", "pl", "uk", "ru"])
def test_public_pages_have_no_wcag_violations(live_server, page, seed_helplines, language):
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}?lang={language}")
        violations = _violations(page)
        if violations:
            found[path] = violations
    assert not found, found


def test_the_check_reports_a_real_violation(page):
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>')
    assert any(v.startswith("image-alt") for v in _violations(page))
