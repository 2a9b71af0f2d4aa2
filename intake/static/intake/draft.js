/* Keeps the observation form as a draft on the device (localStorage) so a dropped connection loses
   nothing: while offline, "Send" holds the draft and it is sent as soon as the browser is back online.
   The page that confirms a saved observation clears the draft. Photos are not stored on the device (too
   large): a held form still sends the photos chosen in it, but a page closed while offline loses them. */
(function () {
  "use strict";
  var sent = document.querySelector("[data-draft-sent]");
  if (sent) { try { localStorage.removeItem(sent.getAttribute("data-draft-sent")); } catch (e) { /* private mode */ } }
  var form = document.querySelector("form[data-draft-key]");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  var offlineNotice = document.getElementById("draft-offline");
  var restoredNotice = document.getElementById("draft-restored");
  var waiting = false;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" && el.type !== "submit";
    });
  }
  function save() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
      } else if (!el.name.match(/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/)) {
        data[el.name] = el.value;
      }
    });
    try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full or disabled */ }
  }
  function restore() {
    var raw;
    try { raw = localStorage.getItem(key); } catch (e) { return; }
    if (!raw || form.querySelector(".field--error")) { return; }
    var data = JSON.parse(raw);
    fields().forEach(function (el) {
      if (!(el.name in data)) {
        if (el.type === "checkbox" || el.type === "radio") { el.checked = false; }
        return;
      }
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = data[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = data[el.name];
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("details"), function (section) {
      var filled = Array.prototype.some.call(section.querySelectorAll("input[type=text], input[type=number], textarea"),
        function (el) { return el.value !== ""; });
      if (filled) { section.open = true; }
    });
    if (restoredNotice) { restoredNotice.hidden = false; }
  }
  function sendWhenOnline() {
    if (!waiting) { return; }
    waiting = false;
    if (offlineNotice) { offlineNotice.hidden = true; }
    HTMLFormElement.prototype.submit.call(form);
  }

  restore();
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    save();
    if (!navigator.onLine) {
      event.preventDefault();
      waiting = true;
      if (offlineNotice) { offlineNotice.hidden = false; offlineNotice.focus(); }
    }
  });
  window.addEventListener("online", sendWhenOnline);
}());
