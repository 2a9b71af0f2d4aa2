/* The call form's tools: "Refer to this service" from the directory search adds the service to the call
   (its id in the hidden referred_to field, which the draft keeps like any field), "Remove" takes it off,
   and a safety message is copied to send by SMS or a messenger. Enter in the search never sends the call. */
(function () {
  "use strict";
  var form = document.getElementById("call-form");
  var field = document.getElementById("id_referred_to");
  var picks = document.getElementById("referral-picks");
  if (!form || !field) { return; }

  function ids() { return field.value.split(",").filter(function (v) { return /^\d+$/.test(v); }); }
  function store(list) {
    field.value = list.join(",");
    field.dispatchEvent(new Event("change", { bubbles: true }));  // the draft saves it
    if (window.htmx && picks) { window.htmx.trigger(picks, "refresh"); }
  }
  form.addEventListener("click", function (event) {
    var refer = event.target.closest("[data-refer]");
    var unrefer = event.target.closest("[data-unrefer]");
    var copy = event.target.closest("[data-copy]");
    if (refer) {
      var list = ids();
      if (list.indexOf(refer.getAttribute("data-refer")) === -1) { list.push(refer.getAttribute("data-refer")); }
      store(list);
    } else if (unrefer) {
      store(ids().filter(function (v) { return v !== unrefer.getAttribute("data-unrefer"); }));
    } else if (copy && navigator.clipboard) {
      var text = copy.parentNode.querySelector("[data-safety-text]");
      navigator.clipboard.writeText(text ? text.textContent : "").then(function () {
        copy.textContent = copy.getAttribute("data-copied") || copy.textContent;
      }).catch(function () { /* no clipboard permission: the operator reads it out */ });
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.hasAttribute("data-directory-search")) { event.preventDefault(); }
  });
}());
