// The vitals chunk: metrics reported moments apart are recorded together (one storage write), and
// at once on a hidden page, which may be frozen before any timer runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Metric } from 'web-vitals';

const reporters: ((metric: Metric) => void)[] = [];
vi.mock('web-vitals', () => {
  const on = (callback: (metric: Metric) => void) => void reporters.push(callback);
  return { onCLS: on, onFCP: on, onINP: on, onLCP: on, onTTFB: on };
});
const { startVitals } = await import('../../../src/vitals.lazy.js');

const metric = (name: Metric['name'], value: number) => ({ name, value, rating: 'good', id: `v5-${name}` }) as Metric;
const hidden = (yes: boolean) => Object.defineProperty(document, 'visibilityState', { value: yes ? 'hidden' : 'visible', configurable: true });

describe('web vitals chunk', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    reporters.length = 0;
    hidden(false);
  });
  afterEach(() => {
    vi.useRealTimers();
    hidden(false);
  });

  it('records FCP and TTFB, reported moments apart, together', async () => {
    const track = vi.fn(async () => {});
    startVitals({ track });
    expect(reporters).toHaveLength(5);
    reporters[1](metric('FCP', 420));
    vi.advanceTimersByTime(30);
    reporters[4](metric('TTFB', 95));
    expect(track).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(track.mock.calls).toEqual([
      ['Web Vitals', { name: 'FCP', value: 420, rating: 'good', id: 'v5-FCP' }],
      ['Web Vitals', { name: 'TTFB', value: 95, rating: 'good', id: 'v5-TTFB' }],
    ]);
  });

  it('records at once on a hidden page, with whatever was still gathering', () => {
    const track = vi.fn(async () => {});
    startVitals({ track });
    reporters[1](metric('FCP', 420));
    hidden(true);
    reporters[0](metric('CLS', 0.02));
    expect(track.mock.calls.map(([, { name }]: any) => name)).toEqual(['FCP', 'CLS']);
    vi.advanceTimersByTime(1000);
    expect(track).toHaveBeenCalledTimes(2);
  });
});
