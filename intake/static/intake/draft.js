/* Keeps the observation form as a draft on the device as the officer types, so a closed page or a
   crash loses nothing. The draft is the signed-in user's alone: encrypted and filed under their opaque
   name by CTIMS.deviceStore (core/static/core/device_store.js), removed at sign-out. "Send" moves the
   form, photos included, into the outbox (intake/outbox.js), which discards the draft through
   CTIMS.observationDraft; the page that confirms a saved observation clears it too. */
(function () {
  "use strict";
  var LEGACY_KEY = "ctims-intake-observation-draft";  // plain-text drafts of earlier versions, readable by anyone
  try { localStorage.removeItem(LEGACY_KEY); } catch (e) { /* private mode */ }
  var deviceStore = window.CTIMS && window.CTIMS.deviceStore;
  if (!deviceStore) { return; }
  function ignore() { /* no key (signed out, server unreachable) or storage refused: work without a draft */ }

  var sent = document.querySelector("[data-draft-sent]");
  if (sent) {
    deviceStore.open().then(function (store) { return store.remove("draft:" + sent.getAttribute("data-draft-sent")); })
      .catch(ignore);
  }
  var form = document.querySelector("form[data-draft]");
  if (!form) { return; }
  var name = "draft:" + form.getAttribute("data-draft");
  var restoredNotice = document.getElementById("draft-restored");
  var store = null;
  var touched = false;
  var stopped = false;
  var queued = false;
  var saving = Promise.resolve();

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" && el.type !== "submit";
    });
  }
  function collect() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
      } else if (!el.name.match(/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/)) {
        data[el.name] = el.value;
      }
    });
    return data;
  }
  function save() {  // one write at a time, of the form as it is when the write starts
    if (!store || queued || stopped) { return; }
    queued = true;
    saving = saving.then(function () {
      queued = false;
      return store.put(name, collect());
    }).catch(ignore);
  }
  function edited() {
    touched = true;
    save();
  }
  function restore(data) {
    if (!data || touched || form.querySelector(".field--error")) { return; }
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
    form.dispatchEvent(new CustomEvent("draft:restored"));  // panels built from restored fields refresh
  }
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  window.CTIMS.observationDraft = {
    settle: function () { return saving; },  // the last write has landed
    discard: function () {  // the form went into the outbox: no draft of it stays, the next one starts afresh
      stopped = true;
      touched = false;
      saving = saving.then(function () { return store && store.remove(name); }).catch(ignore)
        .then(function () { stopped = false; });
      return saving;
    }
  };
  deviceStore.open().then(function (opened) {
    store = opened;
    return store.get(name);
  }).then(function (data) {
    restore(data);
    if (touched) { save(); }  // typed before the store was ready
  }).catch(ignore);
}());
