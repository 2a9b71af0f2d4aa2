/* The field officer's outbox. An observation is first kept on the device (with its photos, encrypted for
   the signed-in officer alone by CTIMS.deviceStore, see core/static/core/device_store.js), then sent;
   what cannot be sent now waits there, through closing the page or restarting the phone, and is sent
   when the connection returns: on the "online" event, on every page load, every 30 seconds while some
   wait, and when Background Sync wakes the service worker. Each observation carries an idempotency
   key, so a send repeated after a lost answer never files a second one (intake.services.log_observation).

   Records: "outbox:<key>" {key, action, fields: [[name, value]...], photos: [{name, type, data}], created,
   refused}; "sent:<key>" {code, url, created, sent} for the officer's list of what was sent.
   The bar at the top of every page (#outbox-bar, base.html) says how many wait and whether sending works;
   on the observation form, #outbox-status beside the button says what happened to the one just sent. */
(function () {
  "use strict";
  var deviceStore = window.CTIMS && window.CTIMS.deviceStore;
  var bar = document.getElementById("outbox-bar");
  var named = document.querySelector("[data-device-store]");
  var owner = named && named.getAttribute("data-device-store");
  if (!deviceStore || !owner) { return; }
  // the catalog of intake's djangojs.po (intake:jsi18n, loaded by base.html), or English without it
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (s, o) {
    return s.replace(/%\((\w+)\)s/g, function (m, k) { return o[k]; });
  };
  var KEEP_SENT_MS = 7 * 24 * 3600 * 1000;
  var sending = null;
  var state = "idle";  // idle | sending | offline | failed | signed-out

  function uuid() {
    if (crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function csrfToken() {
    var found = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
    return found ? decodeURIComponent(found[1]) : "";
  }
  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var parts = [];
    for (var i = 0; i < bytes.length; i += 0x8000) {
      parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
    }
    return btoa(parts.join(""));
  }
  function fromBase64(text) {
    var raw = atob(text);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  /* --- what waits, and the bar ------------------------------------------------------------------ */

  function waiting() { return deviceStore.count(owner, "outbox:"); }
  function describe(n) {
    if (!bar) { return; }
    if (!n) { bar.hidden = true; return; }
    var text = interpolate(ngettext("%(n)s observation is waiting on this device to be sent.",
      "%(n)s observations are waiting on this device to be sent.", n), { n: n }, true);
    var how = {
      idle: gettext("They will be sent when the connection is back."),
      sending: gettext("Sending now…"),
      offline: gettext("No connection: they will be sent when it is back."),
      failed: gettext("Sending did not work; trying again in a moment."),
      "signed-out": gettext("Sign in again to send them.")
    }[state];
    bar.querySelector("[data-outbox-text]").textContent = text + " " + how;
    bar.setAttribute("data-state", state);
    bar.hidden = false;
  }
  function refresh() {
    return waiting().then(describe, function () { if (bar) { bar.hidden = true; } });
  }

  /* --- sending ---------------------------------------------------------------------------------- */

  function body(item) {
    var data = new FormData();
    item.fields.forEach(function (pair) {
      if (pair[0] !== "csrfmiddlewaretoken") { data.append(pair[0], pair[1]); }
    });
    item.photos.forEach(function (p) {
      data.append("photos", new Blob([fromBase64(p.data)], { type: p.type }), p.name);
    });
    data.append("idempotency_key", item.key);
    data.append("csrfmiddlewaretoken", csrfToken());
    return data;
  }
  /* Send one: resolves "sent" (with the record), "refused" (the server named a problem), or rejects
     with the reason to stop ("offline", "failed", "signed-out"). */
  function sendOne(store, name, item) {
    return fetch(item.action, {
      method: "POST", body: body(item), credentials: "same-origin", redirect: "manual",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken(), "Idempotency-Key": item.key }
    }).then(function (response) {
      if (response.status === 201) {
        return response.json().then(function (filed) {
          var sent = { code: filed.code, url: filed.url, created: item.created, sent: Date.now() };
          return store.put("sent:" + item.key, sent).then(function () { return store.remove(name); })
            .then(function () {
              document.dispatchEvent(new CustomEvent("ctims:outbox-sent", { detail: { key: item.key, sent: sent } }));
              return "sent";
            });
        });
      }
      if (response.status === 409) {  // the same phone or plate at this place shortly before: ask the officer
        return response.json().then(function (answer) {
          item.duplicate = { message: answer.error.message, duplicates: answer.error.duplicates || [] };
          return store.put(name, item).then(function () { return "duplicate"; });
        });
      }
      if (response.status === 400) {
        return response.json().then(function (answer) {
          item.refused = (answer.error && answer.error.message) || gettext("The server refused this observation.");
          return store.put(name, item).then(function () { return "refused"; });
        });
      }
      throw new Error(response.status === 403 || response.type === "opaqueredirect" ? "signed-out" : "failed");
    }, function () { throw new Error(navigator.onLine ? "failed" : "offline"); });
  }
  function sendAll() {
    if (sending) { return sending; }
    sending = deviceStore.open().then(function (store) {
      return store.names("outbox:").then(function (names) {
        if (!names.length) { state = "idle"; return; }
        state = "sending";
        refresh();
        return names.reduce(function (chain, name) {
          return chain.then(function () {
            return store.get(name).then(function (item) {
              if (!item || item.refused || item.duplicate) { return null; }  // waiting for the officer
              return sendOne(store, name, item);
            });
          });
        }, Promise.resolve()).then(function () { state = "idle"; }, function (error) {
          state = ["offline", "signed-out"].indexOf(error.message) !== -1 ? error.message : "failed";
        });
      });
    }, function () { state = navigator.onLine ? "signed-out" : "offline"; })
      .then(function () { sending = null; return refresh(); });
    return sending;
  }
  function sendIfWaiting() {
    return waiting().then(function (n) { if (n) { return sendAll(); } return refresh(); }, function () {});
  }

  /* --- keeping an observation ------------------------------------------------------------------- */

  function readPhoto(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve({ name: file.name, type: file.type, data: toBase64(reader.result) }); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsArrayBuffer(file);
    });
  }
  function keep(form, submitter) {
    var data;
    try { data = new FormData(form, submitter); } catch (e) { data = new FormData(form); }
    var fields = [];
    var files = [];
    data.forEach(function (value, name) {
      if (typeof value === "string") { fields.push([name, value]); } else if (value.size) { files.push(value); }
    });
    return Promise.all(files.map(readPhoto)).then(function (photos) {
      var item = { key: uuid(), action: form.getAttribute("action") || location.pathname, fields: fields,
        photos: photos, created: Date.now(), refused: "" };
      return deviceStore.open().then(function (store) {
        return store.put("outbox:" + item.key, item).then(function () { return { store: store, item: item }; });
      });
    });
  }

  var form = document.querySelector("form[data-outbox]");
  var status = document.getElementById("outbox-status");
  function say(text, link) {
    if (!status) { return; }
    status.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link.url;
      a.textContent = link.code;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(a);
    }
    status.hidden = false;
  }
  var pending = null;  // the observation held on this form while the officer answers the duplicate warning
  if (form) {
    var button = form.querySelector("button[type=submit]");
    var label = button.textContent;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.getAttribute("aria-busy") === "true") { return; }
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
      button.textContent = gettext("Saving on this device…");
      var draft = window.CTIMS.observationDraft;
      var submitter = event.submitter || null;
      if (pending) {  // sent again after the duplicate warning (changed, perhaps): the held one gives way
        pending.store.remove("outbox:" + pending.item.key);
        pending = null;
      }
      (draft ? draft.settle() : Promise.resolve()).then(function () { return keep(form, submitter); })
        .then(function (kept) {
        if (draft) { draft.discard(); }
        button.textContent = gettext("Sending…");
        say(gettext("Kept on this device. Sending…"));
        return sendOne(kept.store, "outbox:" + kept.item.key, kept.item).then(function handle(result) {
          if (result === "sent") {
            return kept.store.get("sent:" + kept.item.key).then(function (sent) {
              location.assign(sent.url);
            });
          }
          if (result === "duplicate") {
            button.removeAttribute("aria-busy");
            button.disabled = false;
            button.textContent = label;
            pending = kept;
            askAboutDuplicate(kept.store, kept.item, status, function () {
              pending = null;
              return sendOne(kept.store, "outbox:" + kept.item.key, kept.item).then(handle);
            });
            return null;
          }
          // refused: the server names the problem; send the form itself so the page shows it by its field
          return kept.store.remove("outbox:" + kept.item.key).then(function () {
            HTMLFormElement.prototype.submit.call(form);
          });
        }, function (error) {
          form.reset();
          button.removeAttribute("aria-busy");
          button.disabled = false;
          button.textContent = label;
          state = error.message;
          say(gettext("Kept on this device: it will be sent by itself when the connection is back, even if you close this page. You can file the next one."));
          if (status) { status.focus(); }
          registerSync();
          return refresh();
        });
      }).catch(function () {
        // the device refused to keep it (no key, storage full): send the form the ordinary way
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }
  /* The server found the same phone or plate at this place shortly before: show which, and save only if
     the officer says it is a different sighting or wants it filed anyway (the item stays held meanwhile). */
  function askAboutDuplicate(store, item, where, resend) {
    if (!where) { return; }
    where.textContent = item.duplicate.message + " ";
    item.duplicate.duplicates.forEach(function (d, i) {
      var a = document.createElement("a");
      a.href = d.url;
      a.textContent = d.code;
      if (i) { where.appendChild(document.createTextNode(", ")); }
      where.appendChild(a);
    });
    var confirm = document.createElement("button");
    confirm.type = "button";
    confirm.className = "button button--secondary";
    confirm.setAttribute("data-confirm-duplicate", "");
    confirm.textContent = gettext("Save it anyway");
    confirm.addEventListener("click", function () {
      confirm.disabled = true;
      item.fields.push(["confirm_duplicate", "1"]);
      item.duplicate = null;
      store.put("outbox:" + item.key, item).then(resend).then(function () { refresh(); showList(); });
    });
    where.appendChild(document.createTextNode(" "));
    where.appendChild(confirm);
    where.hidden = false;
    if (where.focus) { where.focus(); }
  }

  function registerSync() {
    if (!("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) { return registration.sync.register("ctims-outbox"); }
    }).catch(function () { /* Background Sync not offered: the page's own retries remain */ });
  }
  document.addEventListener("ctims:outbox-sent", function (event) {
    if (form && status && !status.hidden) {
      say(gettext("Sent:"), event.detail.sent);
    }
    showList();
  });

  /* --- the officer's list: waiting, refused, and sent with their codes (intake/observation_mine.html) -- */

  var list = document.getElementById("outbox-list");
  function showList() {
    if (!list) { return Promise.resolve(); }
    return deviceStore.open().then(function (store) {
      return Promise.all([store.names("outbox:"), store.names("sent:")]).then(function (names) {
        return Promise.all(names[0].concat(names[1]).map(function (n) {
          return store.get(n).then(function (v) { return { name: n, value: v }; });
        }));
      }).then(function (rows) {
        var ul = list.querySelector("ul");
        ul.textContent = "";
        var now = Date.now();
        rows.filter(function (r) { return r.value; }).sort(function (a, b) { return b.value.created - a.value.created; })
          .forEach(function (r) {
            if (r.name.indexOf("sent:") === 0 && now - r.value.sent > KEEP_SENT_MS) { store.remove(r.name); return; }
            var li = document.createElement("li");
            var when = new Date(r.value.created).toLocaleString(document.documentElement.lang);
            if (r.name.indexOf("sent:") === 0) {
              li.setAttribute("data-outbox", "sent");
              li.appendChild(document.createTextNode(when + " · " + gettext("sent as") + " "));
              var a = document.createElement("a");
              a.href = r.value.url;
              a.textContent = r.value.code;
              li.appendChild(a);
            } else if (r.value.duplicate) {
              li.setAttribute("data-outbox", "duplicate");
              var box = document.createElement("span");
              li.appendChild(document.createTextNode(when + " · "));
              li.appendChild(box);
              askAboutDuplicate(store, r.value, box, function () {
                return sendOne(store, r.name, r.value).catch(function () { /* stays held */ });
              });
            } else if (r.value.refused) {
              li.setAttribute("data-outbox", "refused");
              li.textContent = when + " · " + gettext("not accepted:") + " " + r.value.refused;
            } else {
              li.setAttribute("data-outbox", "waiting");
              li.textContent = when + " · " + gettext("waiting to be sent");
            }
            ul.appendChild(li);
          });
        list.hidden = !ul.children.length;
      });
    }).catch(function () { /* no key: nothing to show */ });
  }

  window.addEventListener("online", sendIfWaiting);
  window.addEventListener("offline", function () { state = "offline"; refresh(); });
  document.addEventListener("ctims:device-store", refresh);
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "ctims:send-outbox") { sendIfWaiting(); }
    });
  }
  setInterval(function () { if (navigator.onLine && !sending) { sendIfWaiting(); } }, 30000);
  if (!navigator.onLine) { state = "offline"; }
  sendIfWaiting().then(showList);
  window.CTIMS.outbox = { send: sendAll, waiting: waiting };
}());
