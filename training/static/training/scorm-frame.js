/* Runs first in every HTML document of a SCORM package (written in by training/package_files.py).
   The document is sandboxed with an opaque origin, so the package cannot reach the player's
   runtime directly: window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004) is scorm-again's
   CrossFrameAPI, which answers the package at once from a cache (started with the values the
   attempt resumes from, then kept fresh by the player) and relays every call to the player page
   by postMessage. The player page is the top window, also for frames inside the package. */
(function () {
  "use strict";
  var block = document.getElementById("ctims-scorm-bridge");
  if (!block || !window.CrossFrameAPI) { return; }
  var cfg = JSON.parse(block.textContent);
  var api = new window.CrossFrameAPI(cfg.origin, window.top);
  var defaults = cfg.version === "1.2"
    ? { "cmi.core.lesson_status": "not attempted", "cmi.core.lesson_mode": "normal", "cmi.core.credit": "credit",
        "cmi.core.entry": "ab-initio", "cmi.core.score.max": "100" }
    : { "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.mode": "normal",
        "cmi.credit": "credit", "cmi.entry": "ab-initio" };
  var key;
  for (key in defaults) { if (Object.prototype.hasOwnProperty.call(defaults, key)) { api._cache.set(key, defaults[key]); } }
  for (key in cfg.initial) { if (Object.prototype.hasOwnProperty.call(cfg.initial, key)) { api._cache.set(key, String(cfg.initial[key])); } }
  if (cfg.version === "1.2") { window.API = api; } else { window.API_1484_11 = api; }
})();
