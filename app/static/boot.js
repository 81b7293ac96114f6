// Starts the app. A file of its own, not an inline script, so the
// Content-Security-Policy can refuse every inline script (docs/security.md).
// The build fills in the hashed file names.
import init from '{{JS}}';

init({ module_or_path: '{{WASM}}' }).catch((error) => {
  document.getElementById('app').textContent = 'Không mở được ứng dụng: ' + error;
});
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch((error) => console.warn('service worker', error));
}
