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
  var settings = {
    lmsCommitUrl: cfg.commitUrl,
    dataCommitFormat: "flattened",
    autocommit: true,
    autocommitSeconds: 30,
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
    window.setTimeout(function () { window.location.assign(cfg.doneUrl); }, 300);
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
  frame.src = cfg.launchUrl;
})();
