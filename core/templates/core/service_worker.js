/* CTIMS's service worker: the field officer's pages open with no connection after one visit online.
   Workbox from npm, loaded from CTIMS's own static files (no CDN). Rendered by core.pwa.service_worker. */
var CONFIG = {{ config|safe }};
importScripts.apply(self, CONFIG.workbox);

var STATIC_CACHE = "ctims-static";
var PAGE_CACHE = "ctims-pages-";   // + the signed-in user's opaque device-store name
var META_CACHE = "ctims-meta";     // whose pages are kept (the last signed-in page seen)
var OWNER_KEY = "/__ctims/owner";

workbox.core.setCacheNameDetails({ prefix: "ctims" });
workbox.core.clientsClaim();
self.skipWaiting();

/* Static files (not personal): cached at install, then served from the cache and refreshed behind. */
self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return Promise.all(CONFIG.staticUrls.map(function (url) {
      return cache.add(new Request(url, { cache: "reload" })).catch(function () { /* optional file missing */ });
    }));
  }));
});
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {  // caches of earlier versions of this worker
    return Promise.all(names.filter(function (n) { return n.indexOf("ctims") !== 0; }).map(function (n) {
      return caches.delete(n);
    }));
  }));
});
workbox.routing.registerRoute(function (options) {
  return options.url.origin === self.location.origin && options.request.method === "GET" &&
    (options.url.pathname.indexOf(CONFIG.staticPrefix) === 0 || options.url.pathname === CONFIG.catalogUrl);
  // the catalog of strings varies by language (in its address, ?v=) and says Vary: Cookie, Accept-Language
}, new workbox.strategies.StaleWhileRevalidate({ cacheName: STATIC_CACHE, matchOptions: { ignoreVary: true } }));

/* Pages. Only the few a field officer needs offline are kept, network first, in a cache of the user
   whose page it is (named in the page by base.html's data-device-store). A page of another user, or a
   page with nobody signed in (the sign-in page), empties every other user's cache first, so one user's
   pages are never shown to another; sign-out's Clear-Site-Data removes them all anyway. Every other
   page, and everything not a page (photos, API, the device key), goes to the network and is never kept. */
function ownerOf(html) {
  var found = /data-device-store="([^"]+)"/.exec(html);
  return found ? found[1] : "";
}
function currentOwner() {
  return caches.open(META_CACHE).then(function (meta) { return meta.match(OWNER_KEY); })
    .then(function (r) { return r ? r.text() : ""; });
}
function setOwner(owner) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf(PAGE_CACHE) === 0 && n !== PAGE_CACHE + owner;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () {
    return caches.open(META_CACHE).then(function (meta) {
      return owner ? meta.put(OWNER_KEY, new Response(owner)) : meta.delete(OWNER_KEY);
    });
  });
}
function keepable(url) {
  return url.origin === self.location.origin && !url.search && CONFIG.pageUrls.indexOf(url.pathname) !== -1;
}
function remember(request, response) {
  var url = new URL(response.url || request.url);
  var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
  if (!response.ok || !html) { return Promise.resolve(); }
  return response.clone().text().then(function (text) {
    var owner = ownerOf(text);
    // a page of a signed-in user names them; the sign-in page says nobody is; other pages change nothing
    if (!owner && url.pathname !== CONFIG.signInUrl) { return; }
    return setOwner(owner).then(function () {
      if (!owner || response.redirected || !keepable(url)) { return; }
      return caches.open(PAGE_CACHE + owner).then(function (cache) { return cache.put(url.pathname, response); });
    });
  });
}
function fromCache(request) {
  return currentOwner().then(function (owner) {
    if (!owner) { return undefined; }
    return caches.open(PAGE_CACHE + owner).then(function (cache) { return cache.match(new URL(request.url).pathname); });
  });
}
workbox.routing.registerRoute(function (options) {
  return options.request.mode === "navigate" && options.url.origin === self.location.origin;
}, function (options) {
  var request = options.request;
  return fetch(request).then(function (response) {
    options.event.waitUntil(remember(request, response.clone()));
    return response;
  }, function (error) {
    return fromCache(request).then(function (cached) {
      if (cached) { return cached; }
      throw error;
    });
  });
});

/* The page asks for the offline pages to be fetched now (the first visit happens before the worker
   controls the page), and for held observations to be sent when Background Sync says the connection is back. */
self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "ctims:keep-pages") { return; }
  var owner = event.data.owner;
  var port = event.ports && event.ports[0];
  var catalog = event.data.catalog && new URL(event.data.catalog).origin === self.location.origin ?
    caches.open(STATIC_CACHE).then(function (cache) {
      return cache.add(event.data.catalog);
    }).catch(function () { /* offline */ }) : Promise.resolve();
  event.waitUntil(catalog.then(currentOwner).then(function (current) {
    return caches.open(PAGE_CACHE + owner).then(function (cache) {
      return CONFIG.pageUrls.reduce(function (previous, path) {  // one at a time: a background task, not a burst
        return previous.then(function () { return cache.match(path); }).then(function (hit) {
          if (hit && current === owner && !event.data.refresh) { return; }
          // never followed to the sign-in page: rendering it would give the browser a new CSRF cookie
          // behind the back of a sign-in form open in another tab
          return fetch(path, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
            return remember(new Request(path), response);
          }).catch(function () { /* offline: keep what is there */ });
        });
      }, Promise.resolve());
    });
  }).then(function () { if (port) { port.postMessage("kept"); } }));
});
self.addEventListener("sync", function (event) {
  if (event.tag !== "ctims-outbox") { return; }
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (windows) {
    windows.forEach(function (w) { w.postMessage({ type: "ctims:send-outbox" }); });
  }));
});
