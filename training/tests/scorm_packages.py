"""Tiny SCORM packages built in memory for the tests."""

from __future__ import annotations

import io
import zipfile

MANIFEST_12 = """<?xml version="1.0"?>
<manifest identifier="m1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o1"><organization identifier="o1"><title>Tiny 1.2</title>
    {items}
  </organization></organizations>
  <resources>{resources}</resources>
</manifest>"""

MANIFEST_2004 = """<?xml version="1.0"?>
<manifest identifier="m2" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o1"><organization identifier="o1"><title>Tiny 2004</title>
    <item identifier="i1" identifierref="r1"><title>Only SCO</title></item>
  </organization></organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""

SCO_12_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>SCO</title></head><body>
<h1>Tiny SCORM 1.2 lesson</h1>
<button id="finish" onclick="finish()">I have read it</button>
<script>
// ADL's API discovery: this window first, then its parents (the LMS may provide either).
function findAPI(win) {
  for (var i = 0; win && i < 10; i++) {
    if (win.API) { return win.API; }
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
var api = findAPI(window);
api.LMSInitialize("");
function finish() {
  api.LMSSetValue("cmi.core.score.raw", "90");
  api.LMSSetValue("cmi.core.lesson_status", "passed");
  api.LMSSetValue("cmi.suspend_data", "seen=all");
  api.LMSCommit("");
  api.LMSFinish("");
}
</script></body></html>"""


def zip_of(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def scorm12(
    page: str = SCO_12_PAGE, scos: int = 1, files: dict[str, str | bytes] | None = None, **extra: str | bytes
) -> bytes:
    """A SCORM 1.2 package of `scos` SCOs showing `page`, plus `files` (paths with slashes) and `extra`."""
    items = "".join(
        f'<item identifier="i{n}" identifierref="r{n}"><title>Part {n}</title></item>' for n in range(1, scos + 1)
    )
    resources = "".join(
        f'<resource identifier="r{n}" type="webcontent" adlcp:scormtype="sco" href="sco{n}/index.html">'
        f'<file href="sco{n}/index.html"/></resource>'
        for n in range(1, scos + 1)
    )
    contents: dict[str, str | bytes] = {"imsmanifest.xml": MANIFEST_12.format(items=items, resources=resources)}
    for n in range(1, scos + 1):
        contents[f"sco{n}/index.html"] = page
    contents.update(files or {})
    contents.update(extra)
    return zip_of(contents)


def scorm2004() -> bytes:
    return zip_of({"imsmanifest.xml": MANIFEST_2004, "index.html": "<html><body>2004</body></html>"})
