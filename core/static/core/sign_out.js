/* Sign-out removes CTIMS's data from the device, unsent drafts included. So before the header's
   "Sign out" posts, count this user's drafts on the device: if there are any, open the sign-out page
   instead, which says how many and offers the way back (accounts.views.sign_out). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-sign-out]");
  var deviceStore = window.CTIMS && window.CTIMS.deviceStore;
  if (!form || !deviceStore) { return; }
  var checked = false;

  function signOut() { HTMLFormElement.prototype.submit.call(form); }

  window.addEventListener("pageshow", function () { checked = false; });  // back from the sign-out page
  form.addEventListener("submit", function (event) {
    if (checked) { return; }
    event.preventDefault();
    checked = true;
    deviceStore.open()
      .then(function (store) { return store.count("draft:"); })
      .then(function (unsent) {
        if (!unsent) { signOut(); return; }
        var url = new URL(form.action, location.href);
        url.searchParams.set("unsent", String(unsent));
        url.searchParams.set("back", location.pathname);
        location.assign(url.toString());
      })
      .catch(signOut);
  });
}());
