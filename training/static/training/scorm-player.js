/* Hosts one SCO: a scorm-again runtime (SCORM 1.2 or 2004) in this window, the package in a
   sandboxed iframe with an opaque origin (training/package_files.py). The package cannot reach
   this window, so it talks to the runtime through scorm-again's CrossFrameLMS, which gets only
   messages from the package's own frame (or frames inside it). Every commit posts all cmi values
   (flattened) to the server; on finish the learner goes back to the course page, which shows the
   completion the server read from them. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("scorm-config").textContent);
  var frame = document.getElementById("sco");
  var opened = Date.now();
  function withElapsed(values) {
    // the seconds this player has been open: the session's time when the SCO reports none
    if (values && typeof values === "object" && !Array.isArray(values)) { values["ctims.elapsed"] = (Date.now() - opened) / 1000; }
    return values;
  }
  var settings = {
    lmsCommitUrl: cfg.commitUrl,
    dataCommitFormat: "flattened",
    autocommit: true,
    autocommitSeconds: 30,
    requestHandler: withElapsed,
    logLevel: 4
  };
  var api, finishEvent;
  if (cfg.version === "1.2") {
    api = new window.Scorm12API(settings);
    finishEvent = "LMSFinish";
  } else {
    api = new window.Scorm2004API(settings);
    finishEvent = "Terminate";
  }
  Object.keys(cfg.initial).forEach(function (key) {
    var one = {};
    one[key] = cfg.initial[key];
    try { api.loadFromFlattenedJSON(one, ""); } catch (e) { /* a value the runtime refuses is skipped */ }
  });
  api.on(finishEvent, function () {
    var status = document.getElementById("scorm-status");
    status.hidden = false;
    // flow: a package of several SCOs goes on to the next one; the last goes back to the course page
    window.setTimeout(function () { window.location.assign(cfg.nextUrl || cfg.doneUrl); }, 300);
  });

  // A sandboxed document's origin is opaque, so replies can only be addressed to "*": the
  // check that matters is on the way in, below (CrossFrameLMS itself checks the origin only).
  // A package may set many values at once (interactions); its calls must not be rate-limited away.
  var lms = new window.CrossFrameLMS(api, "*", { rateLimit: 100000 });
  window.removeEventListener("message", lms._boundOnMessage);

  function fromPackage(source) {
    var contentWindow = frame.contentWindow;
    for (var w = source, depth = 0; w && depth < 10; depth++) {
      if (w === contentWindow) { return true; }
      if (w === w.parent) { return false; }
      w = w.parent;
    }
    return false;
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== cfg.frameOrigin || !fromPackage(event.source)) { return; }
    lms._onMessage(event);
  });

  // Nothing lost on leaving: when the learner leaves before the SCO terminated, the runtime's values go
  // out once more with fetch keepalive (a synchronous request is refused while a page is dismissed).
  // The terminate commit itself already goes by sendBeacon (scorm-again's immediate request).
  var finished = false;
  api.on(finishEvent, function () { finished = true; });
  function lastCommit() {
    if (finished || !api.isInitialized()) { return; }
    finished = true;
    try {
      var body = JSON.stringify(withElapsed(api.renderCommitCMI(true)));
      window.fetch(cfg.commitUrl, {
        method: "POST", keepalive: true, credentials: "same-origin", body: body,
        headers: { "Content-Type": "text/plain;charset=UTF-8" }
      });
    } catch (e) { /* leaving anyway: whatever was committed before stays */ }
  }
  window.addEventListener("pagehide", lastCommit);
  frame.src = cfg.launchUrl;
})();
