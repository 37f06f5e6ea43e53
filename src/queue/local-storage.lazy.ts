// The localStorage backend as a lazy chunk (dist/lazy/local-storage.mjs): only browsers where
// IndexedDB fails (some private modes and webviews) need it, so the script tag fetches it there.
export { localStorageStore } from './storage.js';
