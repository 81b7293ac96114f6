// DVK service worker: keeps the app shell so the app opens with no network.
// The build fills in VERSION and the hashed file names; a new build is a new
// cache, and the old one is dropped only once the new one is complete.
// User data lives in browser storage, never here, so an update loses nothing.
const VERSION = '{{VERSION}}';
const CACHE = 'dvk-shell-' + VERSION;
const SHELL = ['/', '{{BOOT}}', '{{JS}}', '{{SPLIT}}', '{{WASM}}', '{{CSS}}', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
// Screens split off the shell (docs/build.md): each split point's own
// module and the shared modules it needs. Everyone's screens past the
// first one (AHEAD: a model's form, progress, report...) are fetched at
// install, so they open offline from the first visit. The other roles'
// screens are kept the first time this device loads them, and a new build
// fetches again every file of the screens this device had.
const SPLITS = {{SPLITS}};
const AHEAD = {{AHEAD}};
const CHUNKS = [...new Set(Object.values(SPLITS).flat())];
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    splitFilesAtInstall()
      .then((used) => caches.open(CACHE)
        .then((cache) => cache.addAll(SHELL.concat(used).map(fresh))))
      .then(() => self.skipWaiting())
  );
});

// A content-hashed file under /assets/ never changes, so the browser's HTTP
// cache may give it (the page has just downloaded the shell: a first visit
// does not fetch it twice); the page, manifest and icons come from the network.
function fresh(url) {
  return new Request(url, { cache: url.startsWith('/assets/') ? 'default' : 'reload' });
}

// `/assets/split_dvk_admin-1a2b.wasm` → `dvk_admin`; a shared module or
// the main one → null.
function splitName(url) {
  const file = new URL(url, self.location.origin).pathname.split('/').pop();
  return file.startsWith('split_') ? file.slice('split_'.length, file.lastIndexOf('-')) : null;
}

// This build's files of the AHEAD screens and of those an older cache
// holds: found by the screen's name, then all the files this build's
// version of it needs.
async function splitFilesAtInstall() {
  const had = new Set(AHEAD);
  for (const key of await caches.keys()) {
    if (!key.startsWith('dvk-shell-') || key === CACHE) continue;
    const cache = await caches.open(key);
    for (const request of await cache.keys()) {
      const name = splitName(request.url);
      if (name !== null) had.add(name);
    }
  }
  const files = Object.entries(SPLITS).filter(([name]) => had.has(name)).flatMap(([, urls]) => urls);
  return [...new Set(files)];
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith('dvk-shell-') && key !== CACHE).map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
});

// A page that loaded during the install and was left uncontrolled.
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API is never cached: the app's own outbox handles being offline.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (CHUNKS.includes(url.pathname)) {
    event.respondWith(chunk(request));
  } else {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

// A chunk: from the cache, else from the network, kept for the next time.
async function chunk(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

// Fresh index.html when the server answers; the cached shell (whose assets
// are in the same cache) when it does not, or not in time.
async function navigation(request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NAVIGATION_TIMEOUT_MS);
  try {
    return await fetch(request, { signal: controller.signal });
  } catch (error) {
    const cached = await caches.match('/', { cacheName: CACHE });
    return cached || Response.error();
  } finally {
    clearTimeout(timer);
  }
}
