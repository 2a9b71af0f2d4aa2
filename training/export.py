"""Export a native course as a SCORM 1.2 package (for Moodle or the Border Guard's platform):
one HTML page per lesson plus the quiz, a small script that talks to the LMS API, and a
manifest that lists every file."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from xml.sax.saxutils import escape as xml_escape

from django.template.loader import render_to_string
from django.utils import translation

from . import richtext
from .models import Course, CourseImage

SCORM_JS = """// Finds the LMS's SCORM 1.2 API and reports progress, completion and score.
(function () {
  function findAPI(win) {
    for (var i = 0; win && i < 10; i++) {
      if (win.API) { return win.API; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return (window.opener && window.opener.API) || null;
  }
  var api = findAPI(window), started = false;
  function start() {
    if (api && !started) {
      var initialised = api.LMSInitialize("");
      started = initialised === "true" || initialised === true;
      var status = api.LMSGetValue("cmi.core.lesson_status");
      if (status === "not attempted" || status === "") { api.LMSSetValue("cmi.core.lesson_status", "incomplete"); }
      api.LMSCommit("");
      var location = api.LMSGetValue("cmi.core.lesson_location");
      if (location && document.querySelector('[data-page="' + location + '"]')) { window.CTIMS.show(location); }
    }
  }
  var finished = false;
  window.CTIMS = {
    show: function (n) {
      var pages = document.querySelectorAll("[data-page]");
      for (var i = 0; i < pages.length; i++) { pages[i].hidden = String(i) !== String(n); }
      if (api) { api.LMSSetValue("cmi.core.lesson_location", String(n)); api.LMSCommit(""); }
      window.scrollTo(0, 0);
    },
    submitQuiz: function (form, passMark) {
      var questions = form.querySelectorAll("[data-question]"), correct = 0;
      for (var i = 0; i < questions.length; i++) {
        var q = questions[i], inputs = q.querySelectorAll("input"), ok = true, any = false;
        for (var j = 0; j < inputs.length; j++) {
          if (inputs[j].checked) { any = true; }
          if (inputs[j].checked !== (inputs[j].getAttribute("data-correct") === "1")) { ok = false; }
        }
        if (ok && any) { correct++; }
      }
      var score = questions.length ? Math.round(correct * 100 / questions.length) : 100;
      var passed = score >= passMark;
      if (api) {
        api.LMSSetValue("cmi.core.score.min", "0");
        api.LMSSetValue("cmi.core.score.max", "100");
        api.LMSSetValue("cmi.core.score.raw", String(score));
        api.LMSSetValue("cmi.core.lesson_status", passed ? "passed" : "failed");
        api.LMSCommit("");
        finished = passed;
      }
      var result = document.getElementById("result");
      result.textContent = result.getAttribute(passed ? "data-passed" : "data-failed").replace("%s", score);
      result.hidden = false;
      return false;
    },
    finish: function () {
      if (api && started) {
        // Not passed yet: suspend, so the LMS resumes at the same page next time.
        api.LMSSetValue("cmi.core.exit", finished ? "" : "suspend");
        api.LMSFinish("");
        started = false;
      }
    }
  };
  // No inline handlers (an LMS may serve the package under a Content-Security-Policy):
  // buttons carry data-show, the quiz form data-pass-mark.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-show]");
    if (button) { window.CTIMS.show(button.getAttribute("data-show")); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute && form.hasAttribute("data-pass-mark")) {
      event.preventDefault();
      window.CTIMS.submitQuiz(form, Number(form.getAttribute("data-pass-mark")));
    }
  });
  window.addEventListener("load", start);
  window.addEventListener("beforeunload", function () { window.CTIMS.finish(); });
})();
"""


def _manifest(course: Course, files: list[str]) -> str:
    file_entries = "\n".join(f'      <file href="{xml_escape(f)}"/>' for f in files)
    title = xml_escape(course.title)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="ctims-{xml_escape(course.family)}-{course.language}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
                      http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>{title}</title>
      <item identifier="item1" identifierref="res1" isvisible="true">
        <title>{title}</title>
        <adlcp:masteryscore>{course.pass_mark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="index.html">
{file_entries}
    </resource>
  </resources>
</manifest>
"""


def scorm12_package(course: Course) -> bytes:
    """The course as a zip that a SCORM 1.2 LMS imports: index.html, scorm.js, images, manifest."""
    images = {img.pk: f"images/{img.pk}{PurePosixPath(str(img.file.name)).suffix}" for img in course.images.all()}
    lessons = [
        {
            "title": lesson.title,
            "body": richtext.render(lesson.body, lambda n: images.get(n)),
            "video": richtext.video_embed_url(lesson.video_url),
        }
        for lesson in course.lessons()
    ]
    questions = list(course.questions.prefetch_related("choices"))
    with translation.override(course.language):
        html = render_to_string(
            "training/export/index.html",
            {"course": course, "lessons": lessons, "questions": questions, "quiz_page": len(lessons)},
        )
    buffer = io.BytesIO()
    files = ["index.html", "scorm.js", "style.css", *sorted(images.values())]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("index.html", html)
        zf.writestr("scorm.js", SCORM_JS)
        zf.writestr("style.css", STYLE_CSS)
        for img in CourseImage.objects.filter(course=course):
            with img.file.open("rb") as fh:
                zf.writestr(images[img.pk], fh.read())
        zf.writestr("imsmanifest.xml", _manifest(course, files))
    return buffer.getvalue()


STYLE_CSS = """body{font:18px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#0b0c0c}
img{max-width:100%;height:auto}iframe{width:100%;aspect-ratio:16/9;border:0}
button{font:inherit;padding:.6rem 1.2rem;margin:.5rem .5rem 0 0;cursor:pointer}
fieldset{margin:1rem 0;border:1px solid #b1b4b6}label{display:block;padding:.3rem 0}
.callout{border-left:5px solid #1d70b8;padding-left:1rem}
"""
