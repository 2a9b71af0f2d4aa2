/* CTIMS's storage on the device, for forms that must survive a dropped connection (drafts) and, later,
   an outbox. Records belong to the signed-in user and are readable by that user alone:

   - each is encrypted with AES-GCM (WebCrypto) under a key the server derives for the user
     (accounts.services.device_key) and hands only to that user's signed-in pages, which keep it in
     memory as a non-extractable CryptoKey: it is never written to the device;
   - records are filed under an opaque name for the user (no id or username in clear), and the name
     and record name are bound into the ciphertext, so a record cannot be moved to another slot;
   - sign-out renews the user's key on the server, so a copy left behind can no longer be read, and
     removes CTIMS's data from the device (Clear-Site-Data, and `clear()` below as a fallback).
   - so that held observations can be read and sent after the phone restarts with no connection, the
     CryptoKey object (non-extractable: no script can read its bytes) of the last user whose key the server
     gave is also kept in IndexedDB under their opaque name, and used only when the server cannot be
     reached, for the user the page names. A key from the server for another user deletes it (their
     records stay encrypted until they sign in again); sign-out removes it with everything else.

   Another account on the same browser can see that encrypted records exist and delete them, but not
   read them. Kept in IndexedDB through `idb` (vendor/idb/umd.js, loaded before this file).

   Use:  CTIMS.deviceStore.open().then(function (store) { return store.put("draft:intake.observation", data); });
         store.get(name) -> the value or null; store.remove(name); store.count("draft:") -> how many;
         store.names("outbox:") -> the names of this user's records with that prefix.
         CTIMS.deviceStore.count(storeName, "draft:") counts without the key (the sign-out button);
         every put and remove fires "ctims:device-store" on document; busy() is true while one runs. */
(function () {
  "use strict";
  var DB_NAME = "ctims-device";
  var RECORDS = "records";
  var KEYS = "keys";
  var script = document.currentScript;
  var keyUrl = script && script.getAttribute("data-key-url");
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var database = null;
  var opening = null;
  var writes = 0;

  function db() {
    if (!database) {
      database = idb.openDB(DB_NAME, 2, {
        upgrade: function (upgrading, oldVersion) {
          if (oldVersion < 1) { upgrading.createObjectStore(RECORDS, { keyPath: ["owner", "name"] }); }
          if (oldVersion < 2) { upgrading.createObjectStore(KEYS, { keyPath: "owner" }); }
        },
        // another page is deleting the database (sign-out): let it
        blocking: function () { database.then(function (open) { open.close(); }); database = null; }
      });
    }
    return database;
  }

  function written(promise) {
    writes += 1;
    function done() {
      writes -= 1;
      document.dispatchEvent(new CustomEvent("ctims:device-store"));
    }
    return promise.then(function (result) { done(); return result; }, function (error) { done(); throw error; });
  }

  function count(owner, prefix) {
    var range = IDBKeyRange.bound([owner, prefix], [owner, prefix + "\uffff"]);
    return db().then(function (open) { return open.count(RECORDS, range); });
  }

  function bytes(base64) {
    var raw = atob(base64);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function Store(owner, key) {
    this.owner = owner;
    this.key = key;
  }
  Store.prototype.bound = function (name) {
    return encoder.encode(this.owner + "\n" + name);
  };
  Store.prototype.put = function (name, value) {
    var self = this;
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return written(crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: self.bound(name) }, self.key,
      encoder.encode(JSON.stringify(value)))
      .then(function (data) {
        return db().then(function (open) {
          return open.put(RECORDS, { owner: self.owner, name: name, iv: iv, data: data, saved: Date.now() });
        });
      }));
  };
  Store.prototype.get = function (name) {
    var self = this;
    return db().then(function (open) { return open.get(RECORDS, [self.owner, name]); }).then(function (record) {
      if (!record) { return null; }
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv, additionalData: self.bound(name) }, self.key,
        record.data)
        .then(function (plain) { return JSON.parse(decoder.decode(plain)); },
          // written under a key that sign-out has since renewed: it can never be read again
          function () { return self.remove(name).then(function () { return null; }); });
    });
  };
  Store.prototype.remove = function (name) {
    var self = this;
    return written(db().then(function (open) { return open.delete(RECORDS, [self.owner, name]); }));
  };
  Store.prototype.count = function (prefix) {
    return count(this.owner, prefix);
  };
  Store.prototype.names = function (prefix) {  // this user's record names starting with prefix, in order
    var range = IDBKeyRange.bound([this.owner, prefix], [this.owner, prefix + "\uffff"]);
    return db().then(function (open) { return open.getAllKeys(RECORDS, range); })
      .then(function (keys) { return keys.map(function (k) { return k[1]; }); });
  };

  function keepKey(owner, key) {  // this user's key for offline use; any other user's is dropped
    return db().then(function (open) {
      var tx = open.transaction(KEYS, "readwrite");
      return tx.store.getAllKeys().then(function (owners) {
        owners.forEach(function (o) { if (o !== owner) { tx.store.delete(o); } });
        tx.store.put({ owner: owner, key: key });
        return tx.done;
      });
    }).catch(function () { /* storage refused: online use still works */ });
  }
  function keptKey() {  // offline: the kept key of the user this page belongs to
    var named = document.querySelector("[data-device-store]");
    var owner = named && named.getAttribute("data-device-store");
    if (!owner) { return Promise.reject(new Error("nobody signed in")); }
    return db().then(function (open) { return open.get(KEYS, owner); }).then(function (kept) {
      if (!kept) { throw new Error("no device key"); }
      return new Store(owner, kept.key);
    });
  }

  /* The signed-in user's store; rejects when nobody is signed in, or when the server cannot be reached
     and this user's key was never kept on this device. */
  function open() {
    if (!opening) {
      opening = fetch(keyUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("no device key"); }
          return response.json().then(function (given) {
            return crypto.subtle.importKey("raw", bytes(given.key), { name: "AES-GCM" }, false, ["encrypt", "decrypt"])
              .then(function (key) {
                return keepKey(given.store, key).then(function () { return new Store(given.store, key); });
              });
          });
        }, keptKey);  // no connection
      opening.catch(function () { opening = null; });
    }
    return opening;
  }

  /* Remove everything CTIMS keeps on this device (every user's records): at sign-out. */
  function clear() {
    try { localStorage.clear(); sessionStorage.clear(); } catch (e) { /* storage disabled */ }
    var closing = database ? database.then(function (o) { o.close(); }, function () {}) : Promise.resolve();
    database = null;
    return closing.then(function () { return idb.deleteDB(DB_NAME); });
  }

  window.CTIMS = window.CTIMS || {};
  window.CTIMS.deviceStore = {
    open: open, clear: clear, count: count, busy: function () { return writes > 0; }
  };
  if (document.querySelector("[data-device-clear]")) { clear(); }
}());
