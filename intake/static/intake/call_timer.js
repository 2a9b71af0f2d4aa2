/* The running time of the call being logged, from the start time in the form (the operator may correct
   it; the timer follows). Shown as h:mm:ss; nothing is stored. */
(function () {
  "use strict";
  var out = document.getElementById("call-timer");
  var since = out && document.getElementById(out.getAttribute("data-since"));
  if (!out || !since) { return; }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var start = new Date(since.value);
    var seconds = Math.floor((Date.now() - start.getTime()) / 1000);
    if (!since.value || isNaN(seconds) || seconds < 0) { out.textContent = "–"; return; }
    out.textContent = Math.floor(seconds / 3600) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
    out.setAttribute("data-seconds", String(seconds));
  }
  tick();
  setInterval(tick, 1000);
  since.addEventListener("input", tick);
}());
