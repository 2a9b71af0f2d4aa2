/* Registers CTIMS's service worker (core/templates/core/service_worker.js, served at the site's root) and
   asks it to keep this user's offline pages now: the first visit happens before the worker controls the
   page, so without this the form would open offline only after a second visit.
   CTIMS.offlineReady resolves once they are kept (tests wait for it). */
(function () {
  "use strict";
  var script = document.currentScript;
  var workerUrl = script && script.getAttribute("data-worker-url");
  var named = document.querySelector("[data-device-store]");
  var owner = named && named.getAttribute("data-device-store");
  window.CTIMS = window.CTIMS || {};
  if (!("serviceWorker" in navigator) || !workerUrl) {
    window.CTIMS.offlineReady = Promise.resolve(false);
    return;
  }
  window.CTIMS.offlineReady = navigator.serviceWorker.register(workerUrl, { scope: "/" })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      if (!owner || !navigator.onLine || !registration.active) { return false; }
      return new Promise(function (resolve) {
        // after the page has settled: fetching the offline pages is background work, not part of this visit
        setTimeout(function () {
          var channel = new MessageChannel();
          channel.port1.onmessage = function () { resolve(true); };
          var catalog = document.querySelector("script[data-catalog]");  // this language's strings (outbox bar)
          registration.active.postMessage({ type: "ctims:keep-pages", owner: owner,
            catalog: catalog ? catalog.src : "" }, [channel.port2]);
        }, 1500);
      });
    })
    .catch(function () { return false; });
}());
