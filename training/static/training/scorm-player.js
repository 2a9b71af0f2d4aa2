/* Hosts one SCO: a scorm-again runtime (SCORM 1.2 or 2004) in this window, the package in an
   iframe. Every commit posts all cmi values (flattened) to the server; on finish the learner
   goes back to the course page, which shows the completion the server read from them. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("scorm-config").textContent);
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
    window.API = api;
    finishEvent = "LMSFinish";
  } else {
    api = new window.Scorm2004API(settings);
    window.API_1484_11 = api;
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
  document.getElementById("sco").src = cfg.launchUrl;
})();
