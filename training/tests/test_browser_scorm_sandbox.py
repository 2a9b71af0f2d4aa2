"""A trainer's SCORM package runs sandboxed: a hostile script in it tries to read the player page,
the learner's cookies and the API, and to post a completion through the API as the learner; it gets
nothing, and CTIMS records only the SCORM values it set through the runtime. Opening the package's
file URL directly is sandboxed too."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings as django_settings

from accounts.models import Organisation
from accounts.roles import Role
from audit.models import AuditEvent
from conftest import TEST_PASSWORD
from training import services
from training.models import Enrolment

from .scorm_packages import scorm12

pytestmark = pytest.mark.browser

HOSTILE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Quiz</title></head><body>
<h1>A quiz on indicators</h1><pre id="report">running</pre>
<script>
function findAPI(win) {
  for (var i = 0; win && i < 10; i++) {
    try { if (win.API) { return win.API; } } catch (e) { return null; }
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
var found = {};
function attempt(name, fn) {
  try { found[name] = String(fn()); } catch (e) { found[name] = "blocked " + e.name; }
}
attempt("origin", function () { return window.origin; });
attempt("parentDocument", function () { return window.parent.document.body.innerHTML; });
attempt("parentConfig", function () { return window.parent.document.getElementById("scorm-config").textContent; });
attempt("cookie", function () { return document.cookie; });
attempt("storage", function () { return window.localStorage.length; });
var api = findAPI(window);
found.api = api ? "found" : "missing";
if (api) {
  api.LMSInitialize("");
  found.learner = api.LMSGetValue("cmi.core.student_name");
  api.LMSSetValue("cmi.suspend_data", "hostile-was-here");
  api.LMSCommit("");
}
function read(url) {
  return fetch(url, { credentials: "include" })
    .then(function (r) { return r.text(); })
    .catch(function (e) { return "blocked " + e.name; });
}
function forge() {
  return fetch("/api/v1/training/enrolments/ENROLMENT_ID/scorm", {
    method: "POST", credentials: "include", mode: "no-cors",
    headers: { "Content-Type": "text/plain" },
    body: JSON.stringify({ "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "100" })
  }).then(function (r) { return "sent, answer unreadable: " + r.type; })
    .catch(function (e) { return "blocked " + e.name; });
}
function worker() {
  try {
    if (!navigator.serviceWorker) { return Promise.resolve("no service workers"); }
    return navigator.serviceWorker.register("sw.js")
      .then(function () { return "registered"; }, function (e) { return "blocked " + e.name; });
  } catch (e) { return Promise.resolve("blocked " + e.name); }
}
Promise.all([read("/api/v1/me"), read("/training/my/"), forge(), worker()]).then(function (r) {
  found.me = r[0]; found.page = r[1]; found.forged = r[2]; found.worker = r[3];
  document.getElementById("report").textContent = JSON.stringify(found);
});
</script></body></html>"""


def _report(pg: Any, scope: Any) -> dict[str, str]:
    """What the package's script wrote into its own page once its attempts settled."""
    report = scope.locator("#report")
    for _ in range(100):
        if report.inner_text() != "running":
            return dict(json.loads(report.inner_text()))
        pg.wait_for_timeout(100)
    raise AssertionError("the package never reported")


def test_a_hostile_package_gets_nothing_and_writes_only_scorm_values(
    live_server: Any, page: Any, make_user: Any, iom: Organisation, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    trainer = make_user(Role.TRAINER, iom)
    course, _warnings = services.upload_scorm_package(
        trainer, family="hostile", language="en", title="", summary="", data=scorm12(page=HOSTILE_PAGE)
    )
    services.set_course_published(trainer, course, True)
    learner = make_user(Role.LEARNER, username="olena", is_demo=True, first_name="Olena", last_name="Kovalenko")
    enrolment = services.enrol(learner, course)
    # The script aims at this learner's own enrolment, as a trainer who knows the ids could.
    launch = django_settings.MEDIA_ROOT / course.scorm_package.storage_dir / "sco1" / "index.html"
    launch.write_text(HOSTILE_PAGE.replace("ENROLMENT_ID", str(enrolment.pk)), encoding="utf-8")

    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")
    assert any(c["name"] == "sessionid" for c in page.context.cookies())
    writes_before = set(AuditEvent.objects.filter(actor=learner).values_list("pk", flat=True))

    page.goto(live_server.url + f"/training/courses/{course.pk}/play/")
    found = _report(page, page.frame_locator("#sco"))

    assert found["origin"] == "null"
    assert found["parentDocument"].startswith("blocked") and found["parentConfig"].startswith("blocked")
    assert found["cookie"].startswith("blocked") and found["storage"].startswith("blocked")
    assert found["me"].startswith("blocked") and found["page"].startswith("blocked")
    assert "olena" not in json.dumps({k: v for k, v in found.items() if k != "learner"}).lower()
    assert found["forged"].startswith(("blocked", "sent, answer unreadable"))
    assert found["worker"] != "registered"
    # The runtime still works for it: the SCORM values reach the server through the player.
    assert found["api"] == "found" and found["learner"] == "Olena Kovalenko"
    for _ in range(100):
        enrolment.refresh_from_db()
        runtime = getattr(enrolment, "scorm", None)
        if runtime is not None and runtime.cmi.get("cmi.suspend_data") == "hostile-was-here":
            break
        page.wait_for_timeout(100)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.scorm.cmi["cmi.suspend_data"] == "hostile-was-here"
    assert enrolment.scorm.cmi.get("cmi.core.lesson_status") != "passed"
    assert enrolment.status != "completed" and enrolment.score is None
    writes = AuditEvent.objects.filter(actor=learner).exclude(pk__in=writes_before).exclude(action="view")
    assert {(e.action, e.object_type) for e in writes} <= {("update", "training.scormruntime")}

    # Opened directly, outside the player, the file is sandboxed by its own response header.
    launch_url = page.locator("#sco").get_attribute("src")
    direct = page.context.new_page()
    direct.goto(live_server.url + launch_url)
    alone = _report(direct, direct)
    assert alone["origin"] == "null" and alone["cookie"].startswith("blocked")
    assert alone["me"].startswith("blocked") and alone["storage"].startswith("blocked")
    direct.close()
