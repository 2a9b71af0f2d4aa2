/* Sign-out removes CTIMS's data from the device, unsent drafts and held observations included. So the header's
   "Sign out" keeps count of this user's drafts and outbox items on the device (by the opaque store name the page carries; no key
   needed): with none it signs out at once, with some it opens the sign-out page instead, which says
   how many and offers the way back (accounts.views.sign_out). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-sign-out]");
  var deviceStore = window.CTIMS && window.CTIMS.deviceStore;
  var owner = form && form.getAttribute("data-device-store");
  if (!form || !owner || !deviceStore) { return; }
  var unsent = null;  // unknown while counting
  var leaving = false;

  function unsentCount() {  // drafts, and observations held in the outbox (intake/outbox.js)
    return Promise.all([deviceStore.count(owner, "draft:"), deviceStore.count(owner, "outbox:")])
      .then(function (n) { return n[0] + n[1]; });
  }
  function recount() {
    unsent = null;
    unsentCount().then(function (n) { unsent = n; }, function () { unsent = null; });
  }
  function signOut() { HTMLFormElement.prototype.submit.call(form); }
  function confirmFirst(n) {
    var url = new URL(form.action, location.href);
    url.searchParams.set("unsent", String(n));
    url.searchParams.set("back", location.pathname);
    location.assign(url.toString());
  }
  function idle() {  // a draft being written as the button is pressed (the field just lost focus)
    return new Promise(function (resolve) {
      var tries = 0;
      (function wait() {
        if (!deviceStore.busy() || ++tries > 40) { resolve(); } else { setTimeout(wait, 50); }
      }());
    });
  }

  recount();
  document.addEventListener("ctims:device-store", recount);
  window.addEventListener("focus", recount);  // another tab may have saved or sent one
  window.addEventListener("pageshow", function () { leaving = false; recount(); });  // back from the sign-out page
  form.addEventListener("submit", function (event) {
    if (leaving) { return; }
    if (unsent === 0 && !deviceStore.busy()) { return; }  // nothing unsent: sign out now
    event.preventDefault();
    leaving = true;
    idle()
      .then(unsentCount)
      .then(function (n) { if (n) { confirmFirst(n); } else { signOut(); } })
      .catch(signOut);
  });
}());
