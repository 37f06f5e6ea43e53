// Core Web Vitals as `Web Vitals` events (PROTOCOL.md section 4). A lazy chunk: web-vitals is
// about 3 KB brotli and no page needs it before its own load event. web-vitals reads buffered
// performance entries, so starting late loses nothing; CLS and INP are reported when the page is
// hidden, and the transport beacons events recorded while hidden straight away.
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { PluginHost } from './core/types.js';

/** How long a visible page gathers metrics (FCP and TTFB come moments apart) into one storage write. */
const GATHER_MS = 100;

export function startVitals(host: Pick<PluginHost, 'track'>): void {
  const pending: Metric[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Recorded in one turn: the queue stores events of one turn in one IndexedDB write.
  const record = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const { name, value, rating, id } of pending.splice(0)) void host.track('Web Vitals', { name, value, rating, id });
  };
  const report = (metric: Metric) => {
    pending.push(metric);
    // A hidden page may be frozen or gone before any timer runs: then at once.
    if (document.visibilityState == 'hidden') record();
    else timer ??= setTimeout(record, GATHER_MS);
  };
  for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(report);
}
