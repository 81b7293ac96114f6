// DVK service worker: keeps the app shell so the app opens with no network.
// The build fills in VERSION and the hashed file names; a new build is a new
// cache, and the old one is dropped only once the new one is complete.
// User data lives in browser storage, never here, so an update loses nothing.
const VERSION = '{{VERSION}}';
const CACHE = 'dvk-shell-' + VERSION;
const SHELL = ['/', '{{BOOT}}', '{{JS}}', '{{WASM}}', '{{CSS}}', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith('dvk-shell-') && key !== CACHE).map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API is never cached: the app's own outbox handles being offline.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

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
