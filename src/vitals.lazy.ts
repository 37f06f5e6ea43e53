// Core Web Vitals as `Web Vitals` events (PROTOCOL.md section 4). A lazy chunk: web-vitals is
// about 3 KB brotli and no page needs it before its own load event. web-vitals reads buffered
// performance entries, so starting late loses nothing; CLS and INP are reported when the page is
// hidden, and the transport beacons events recorded while hidden straight away.
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { PluginHost } from './core/types.js';

export function startVitals(host: Pick<PluginHost, 'track'>): void {
  const report = ({ name, value, rating, id }: Metric) => void host.track('Web Vitals', { name, value, rating, id });
  for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(report);
}
