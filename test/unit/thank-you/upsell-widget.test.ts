// The upsell widget in isolation (happy-dom): text stays text, only http(s) URLs are used, the
// countdown speaks politely and rarely, accept cannot be sent twice, right-to-left languages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { showUpsell } from '../../../src/widgets/upsell/upsell.lazy.js';
import type { InlineOffer } from '../../../src/thank-you/order.js';
import { fakeHost } from './fake-host.js';

const now = Date.parse('2026-11-23T10:00:00Z');
const offer = (over: Partial<InlineOffer> = {}): InlineOffer => ({
  id: 'r~charger',
  product: { product_id: 'charger', name: 'Charger', image_url: 'https://cdn.example/c.png', url: 'https://shop.example/charger' },
  choices: [{ price: 30, regular_price: 40, token: 'signed.token' }],
  currency: 'USD',
  discount_percent: 25,
  max_quantity: 2,
  expires_at: new Date(now + 6 * 60_000).toISOString(),
  ...over,
});

const shadow = () => document.querySelector('[data-homing-widget=upsell]')!.shadowRoot!;

describe('upsell widget', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    document.body.innerHTML = '<div data-homing-thank-you style="height:260px"></div>';
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sets hostile offer text as text and drops non-http URLs', async () => {
    const { host } = fakeHost();
    const evil = '<img src=x onerror=alert(1)>';
    await showUpsell(host, {
      order: { order_id: '1' },
      offers: [offer({ title: evil, product: { name: evil, image_url: 'javascript:alert(1)', url: 'javascript:alert(2)' }, choices: [{ price: 5, name: evil, accept_url: 'javascript:alert(3)' }, { price: 6, name: 'b' }] })],
      container: document.querySelector('[data-homing-thank-you]'),
      survey: false,
    });
    const root = shadow();
    expect(root.querySelector('h2')!.textContent).toBe(evil);
    expect(root.querySelector('h3')!.textContent).toBe(evil);
    expect(root.querySelector('option')!.textContent).toBe(evil);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(root.querySelectorAll('a')).toHaveLength(0);
  });

  it('styles through a constructable stylesheet, or a <style> with the CSP nonce where there is none', async () => {
    await showUpsell(fakeHost().host, { order: { order_id: '1' }, offers: [offer()], container: document.querySelector('[data-homing-thank-you]'), survey: false });
    expect(shadow().adoptedStyleSheets).toHaveLength(1);
    expect(shadow().querySelector('style')).toBeNull();

    document.body.innerHTML = '<div data-homing-thank-you style="height:260px"></div>';
    vi.stubGlobal('CSSStyleSheet', undefined);
    await showUpsell(fakeHost().host, { order: { order_id: '1' }, offers: [offer()], container: document.querySelector('[data-homing-thank-you]'), nonce: 'r4nd0m', survey: false });
    const style = shadow().querySelector('style')!;
    expect(style.nonce).toBe('r4nd0m');
    expect(style.textContent).toContain('.accept{');
  });

  it('keeps the box inside the reserved container, mirrored for Persian', async () => {
    const { host } = fakeHost({ locale: 'fa-IR' });
    await showUpsell(host, { order: { order_id: '1' }, offers: [offer()], container: document.querySelector('[data-homing-thank-you]'), survey: false });
    const el = document.querySelector<HTMLElement>('[data-homing-widget=upsell]')!;
    expect(el.parentElement!.hasAttribute('data-homing-thank-you')).toBe(true);
    expect(el.hasAttribute('data-fixed')).toBe(false);
    expect(el.dir).toBe('rtl');
    expect(shadow().querySelector('button.accept')!.textContent).toBe('افزودن به سفارش');
  });

  it('shows an Iranian offer in toman, as Iranian stores price, and other currencies as Intl formats them', async () => {
    const prices = async (locale: string, over: Partial<InlineOffer>) => {
      document.body.innerHTML = '<div data-homing-thank-you style="height:260px"></div>';
      await showUpsell(fakeHost({ locale }).host, { order: { order_id: '1' }, offers: [offer(over)], container: document.querySelector('[data-homing-thank-you]'), survey: false });
      return [shadow().querySelector('.price')!.textContent, shadow().querySelector('.regular')!.textContent];
    };
    const irr = { currency: 'IRR', choices: [{ price: 1_620_000, regular_price: 1_800_000, token: 't' }] };
    expect(await prices('fa-IR', irr)).toEqual(['۱۶۲٬۰۰۰ تومان', '۱۸۰٬۰۰۰ تومان']);
    // Rials that are no whole toman are rounded, as the owner's app rounds them.
    expect(await prices('fa', { currency: 'IRR', choices: [{ price: 1_234_567, token: 't' }] })).toEqual(['۱۲۳٬۴۵۷ تومان', '']);
    expect(await prices('en', irr)).toEqual(['162,000 toman', '180,000 toman']);
    expect(await prices('he', irr)).toEqual(['162,000 טומאן', '180,000 טומאן']);
    const usd = new Intl.NumberFormat('fa-IR', { style: 'currency', currency: 'USD' });
    expect(await prices('fa-IR', {})).toEqual([usd.format(30), usd.format(40)]);
    expect(await prices('en', { currency: 'EUR' })).toEqual(['€30.00', '€40.00']);
  });

  it('announces the countdown politely at 5 and 1 minutes and at expiry, not every second', async () => {
    const { host } = fakeHost();
    await showUpsell(host, { order: { order_id: '1' }, offers: [offer()], container: null, survey: false });
    const live = shadow().querySelector('[aria-live=polite]')!;
    const clock = shadow().querySelector('.clock [aria-hidden=true]')!;
    expect(clock.textContent).toBe('Offer ends in 6:00');
    expect(live.textContent).toBe('');
    const spoken: string[] = [];
    for (let s = 0; s < 6 * 60; s++) {
      vi.advanceTimersByTime(1000);
      if (live.textContent && live.textContent !== spoken.at(-1)) spoken.push(live.textContent);
    }
    expect(spoken).toEqual(['5 minutes left on this offer', 'One minute left on this offer', 'This offer has expired']);
    expect(shadow().querySelector<HTMLButtonElement>('button.accept')!.disabled).toBe(true);
  });

  it('accepts an inline offer (no collector) by following its http(s) accept_url only', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...location, href: location.href, assign });
    const { host, tracked } = fakeHost();
    const inline = (url: string) => offer({ id: url, choices: [{ price: 30, regular_price: 40, accept_url: url }] });
    await showUpsell(host, { order: { order_id: '7' }, offers: [inline('https://shop.example/cart/add?id=410'), inline('javascript:alert(1)')], container: null, survey: false });
    const [first, second] = shadow().querySelectorAll<HTMLButtonElement>('button.accept');
    first.click();
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://shop.example/cart/add?id=410'));
    second.click();
    await vi.waitFor(() => expect(tracked.filter((t) => t.event == 'Upsell Accepted')).toHaveLength(2));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(tracked.find((t) => t.event == 'Upsell Accepted')!.properties).toEqual({
      promotion_id: 'https://shop.example/cart/add?id=410', order_id: '7', product: { product_id: 'charger', name: 'Charger', price: 30, quantity: 1 }, value: 30, currency: 'USD',
    });
  });

  it('sends one accept while the first is in flight, then tracks the verified value', async () => {
    let answer!: (r: Response) => void;
    const fetch = vi.fn(() => new Promise<Response>((r) => (answer = r)));
    vi.stubGlobal('fetch', fetch);
    const assign = vi.fn();
    vi.stubGlobal('location', { ...location, href: location.href, assign });
    const { host, tracked } = fakeHost({ collector: 'https://collect.example' });
    await showUpsell(host, { order: { order_id: '1' }, offers: [offer()], container: null, survey: false });
    const accept = shadow().querySelector<HTMLButtonElement>('button.accept')!;
    accept.click();
    accept.click();
    accept.dispatchEvent(new Event('click'));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(accept.disabled).toBe(true);
    expect(JSON.parse((fetch.mock.calls[0] as any)[1].body)).toEqual({ write_key: 'wk_test', token: 'signed.token', quantity: 1 });
    answer(new Response(JSON.stringify({ accepted: true, upsell: { value: 30, unit_price: 30, quantity: 1 }, action: { type: 'redirect', url: 'https://shop.example/?homing_upsell=x' } })));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://shop.example/?homing_upsell=x'));
    expect(tracked.filter((t) => t.event == 'Upsell Accepted')).toMatchObject([{ properties: { promotion_id: 'r~charger', order_id: '1', value: 30, currency: 'USD' } }]);
    expect(tracked.filter((t) => t.event == 'Promotion Clicked')).toHaveLength(1);
  });

  it('moves on to the survey once every offer is over, also when the collector says an offer expired', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: 'offer_expired' }), { status: 410 })));
    const { host } = fakeHost({ collector: 'https://collect.example' });
    await showUpsell(host, { order: { order_id: '1' }, offers: [offer()], container: document.querySelector('[data-homing-thank-you]'), survey: true });
    shadow().querySelector<HTMLButtonElement>('button.accept')!.click();
    await vi.waitFor(() => expect(shadow().querySelector('button.accept')!.hasAttribute('aria-busy')).toBe(false));
    await vi.advanceTimersByTimeAsync(1500);
    await vi.waitFor(() => expect(document.querySelector('[data-homing-widget=survey]')).not.toBeNull());
  });
});
