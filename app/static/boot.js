// Starts the app. A file of its own, not an inline script, so the
// Content-Security-Policy can refuse every inline script (docs/security.md).
// The build fills in the hashed file names.
import init from '{{JS}}';

init({ module_or_path: '{{WASM}}' }).catch((error) => {
  document.getElementById('app').textContent = 'Không mở được ứng dụng: ' + error;
});
if ('serviceWorker' in navigator) {
  // On a first visit the worker takes control only after the page has
  // started, so a role's screens fetched before that (app/src/pages/lazy.rs)
  // passed it by: fetch them once more through it, which keeps them offline.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    for (const entry of performance.getEntriesByType('resource')) {
      if (/\/assets\/(split|chunk)_[^/]*\.wasm$/.test(new URL(entry.name).pathname)) {
        fetch(entry.name).catch(() => {});
      }
    }
  });
  navigator.serviceWorker.register('/sw.js').catch((error) => console.warn('service worker', error));
  // A page loaded while the worker was still installing can miss its
  // `clients.claim()`; it asks to be claimed once the worker is active.
  navigator.serviceWorker.ready.then((registration) => {
    if (!navigator.serviceWorker.controller && registration.active) registration.active.postMessage('claim');
  });
}
