import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectPlatform, shortHash, timeZone } from '../../../src/core/context.js';

afterEach(() => {
  vi.restoreAllMocks();
  delete (window as unknown as Record<string, unknown>).Shopify;
});

describe('time zone', () => {
  it('reads the IANA zone once and reuses it while the UTC offset stays', () => {
    const intl = vi.spyOn(Intl, 'DateTimeFormat');
    const first = timeZone(undefined);
    expect(first).toEqual([new Date().getTimezoneOffset(), Intl.DateTimeFormat().resolvedOptions().timeZone]);
    intl.mockClear();
    expect(timeZone(first)).toBe(first);
    expect(intl).not.toHaveBeenCalled();
  });

  it('reads it again when the offset moved (travel, daylight saving)', () => {
    const stale: [number, string] = [new Date().getTimezoneOffset() + 60, 'Atlantic/Azores'];
    expect(timeZone(stale)[1]).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('platform and ids', () => {
  it('detects Shopify and WooCommerce themes, anything else is generic', () => {
    expect(detectPlatform()).toBe('generic');
    document.body.classList.add('woocommerce-page');
    expect(detectPlatform()).toBe('woocommerce');
    document.body.classList.remove('woocommerce-page');
    (window as unknown as Record<string, unknown>).Shopify = { shop: 'x.myshopify.com' };
    expect(detectPlatform()).toBe('shopify');
  });

  it('hashes write keys to short stable ids', () => {
    expect(shortHash('wk_live_123')).toBe(shortHash('wk_live_123'));
    expect(shortHash('wk_live_123')).not.toBe(shortHash('wk_live_124'));
    expect(shortHash('wk_live_123')).toMatch(/^[0-9a-z]{1,7}$/);
  });
});
