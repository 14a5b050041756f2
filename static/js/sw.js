// The site's service worker, served at /sw.js (stretches.routine_pages.service_worker), which
// names the cache for the release: a deploy brings a new worker, which drops the old caches.
// It keeps what the player asks it to keep (a routine's page, its pictures, scripts, styles and
// font), never a personal page, a form or the admin, and asks the network first for pages.
const CACHE = "limber-dev";
const PERSONAL = /^\/(admin|accounts|members|practice|comments|csp-report)\//;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function mine(url) {
  return url.origin === location.origin && !PERSONAL.test(url.pathname) && url.pathname !== "/sw.js";
}

// Only what is the same for everyone: a signed-in page is `private, no-store`.
function keep(request, response) {
  const control = response.headers.get("Cache-Control") || "";
  if (response.ok && response.type === "basic" && mine(new URL(request.url)) && !/private|no-store/.test(control)) {
    const copy = response.clone();
    return caches.open(CACHE).then((cache) => cache.put(request, copy)).then(() => response);
  }
  return Promise.resolve(response);
}

self.addEventListener("message", (event) => {
  const urls = [...new Set((event.data && event.data.keep) || [])].filter((url) => mine(new URL(url, location.href)));
  const kept = urls.map((url) => fetch(url, { credentials: "same-origin" }).then((r) => keep(new Request(url), r)).catch(() => null));
  event.waitUntil(Promise.all(kept).then(() => event.ports[0] && event.ports[0].postMessage("kept")));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !mine(url)) return;
  if (request.mode === "navigate") {
    // Network first; a kept page is brought up to date, and served when there is no network.
    event.respondWith(
      fetch(request)
        .then((response) => caches.match(request).then((old) => (old ? keep(request, response) : response)))
        .catch(() => caches.match(request).then((old) => old || Response.error())),
    );
  } else if (/^\/(static|media)\//.test(url.pathname)) {
    event.respondWith(caches.match(request).then((old) => old || fetch(request)));
  }
});
