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

  // Nothing lost on leaving: a SCO that saves only as its page unloads (many do, on "unload") sets its
  // values while the player page may be going away too, so the relayed messages are never read. What
  // this document's SCO set is therefore also sent by a beacon, the way browsers allow during unload, to
  // an address that accepts only this learner's values for this enrolment and session (no cookie reaches it
  // from this opaque origin). Only keys the SCO set here: other documents of the package keep theirs.
  var set = {}, initialized = false, started = Date.now(), dirty = false, unloading = false;
  function flush() {
    if (!cfg.exitUrl || !initialized || !dirty || !navigator.sendBeacon) { return; }
    var body = {}, k;
    for (k in set) { if (Object.prototype.hasOwnProperty.call(set, k)) { body[k] = set[k]; } }
    body["ctims.elapsed"] = (Date.now() - started) / 1000;
    dirty = !navigator.sendBeacon(cfg.exitUrl, new Blob([JSON.stringify(body)], { type: "text/plain;charset=UTF-8" }));
  }
  var facade = new Proxy(api, {
    get: function (target, prop) {
      var f = target[prop];
      if (typeof f !== "function" || typeof prop !== "string") { return f; }
      return function () {
        var args = Array.prototype.slice.call(arguments);
        if (prop === "LMSInitialize" || prop === "Initialize") { initialized = true; }
        if ((prop === "LMSSetValue" || prop === "SetValue") && args.length >= 2 && String(args[0]).indexOf("cmi.") === 0) {
          set[String(args[0])] = String(args[1]);
          dirty = true;
        }
        var result = f.apply(target, args);
        // the SCO's own unload handlers run after ours: what they commit or finish with goes at once
        if (unloading && /Commit$|Finish$|^Terminate$/.test(prop)) { flush(); }
        return result;
      };
    }
  });
  window.addEventListener("pagehide", function () { unloading = true; flush(); });
  window.addEventListener("unload", function () { unloading = true; });
  if (cfg.version === "1.2") { window.API = facade; } else { window.API_1484_11 = facade; }
})();
