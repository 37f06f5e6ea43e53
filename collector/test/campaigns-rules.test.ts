// Pure sending rules: segment counting (GSM-7 / UCS-2), templates per locale, quiet hours in the
// shopper's time zone, the per-shopper frequency cap, opt-out keywords.
import { describe, expect, it } from 'vitest';
import { countSegments } from '../src/campaigns/segments.js';
import { pickLocale, renderTemplate } from '../src/campaigns/template.js';
import { pageLanguage } from '../src/campaigns/locale.js';
import { isQuiet, nextSendableTime } from '../src/campaigns/quiet-hours.js';
import { nextSlotUnderCap } from '../src/campaigns/frequency-cap.js';
import { replyIntent } from '../src/campaigns/opt-out.js';

describe('segment counting', () => {
  it('GSM-7: 160 characters fit one segment, 161 need two parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSegments('').segments).toBe(0);
  });

  it('GSM-7 extension characters count two septets and never straddle two parts', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain septets then "{": the escape pair does not fit in the first part's last septet.
    const text = 'a'.repeat(152) + '{' + 'a'.repeat(10);
    expect(countSegments(text)).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 });
  });

  it('Persian text is UCS-2: 70 characters a segment, 67 per part', () => {
    const persian = 'سبد خرید شما منتظر است'; // 22 chars
    expect(countSegments(persian)).toMatchObject({ encoding: 'UCS-2', units: 22, segments: 1, remaining: 48 });
    expect(countSegments('س'.repeat(70)).segments).toBe(1);
    expect(countSegments('س'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSegments('س'.repeat(134)).segments).toBe(2);
    expect(countSegments('س'.repeat(135)).segments).toBe(3);
  });

  it('one Persian or Hebrew letter turns a Latin message into UCS-2', () => {
    const latin = 'Ali, you left something in your cart. Finish your order with code off5: https://s.example/r/AbC123';
    expect(countSegments(latin)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    const mixed = latin.replace('Ali', 'علی');
    const count = countSegments(mixed);
    expect(count).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(count.nonGsmCharacters).toEqual(['ع', 'ل', 'ی']);
    expect(countSegments('שלום').encoding).toBe('UCS-2');
  });

  it('an emoji takes two UCS-2 units and is never split across parts', () => {
    expect(countSegments('😀').units).toBe(2);
    expect(countSegments('a'.repeat(66) + '😀').segments).toBe(1); // 68 units <= 70
    const text = 'ب'.repeat(66) + '😀' + 'ب'.repeat(5); // 73 units: the emoji would straddle 67
    expect(countSegments(text)).toMatchObject({ segments: 2, remaining: 67 - 7 });
  });
});

describe('templates', () => {
  const texts = { en: '{name}, you left something in your cart: {link}', fa: '{name} عزیز، سبد خرید شما منتظر است: {link}' };
  it('picks the exact locale, then the language, then the default', () => {
    expect(pickLocale(texts, ['fa-IR'], 'en')).toBe('fa');
    expect(pickLocale(texts, ['FA'], 'en')).toBe('fa');
    expect(pickLocale(texts, ['he-IL'], 'en')).toBe('en');
    expect(pickLocale(texts, [null], 'en')).toBe('en');
    expect(pickLocale(texts, [], 'de')).toBe('en');
  });
  it('takes the first wanted language the template has, passing over those it lacks', () => {
    expect(pickLocale(texts, ['he', null, 'fa-IR', 'en'], 'en')).toBe('fa');
    expect(pickLocale(texts, ['de', 'it'], 'fa')).toBe('fa');
  });
  it('reads the store page\'s language from the page: its lang, a lang query, a language prefix in the path', () => {
    expect(pageLanguage({ url: 'https://shop.example/products/x', lang: 'fa-IR' })).toBe('fa-IR');
    expect(pageLanguage({ url: 'https://shop.example/?lang=he' })).toBe('he');
    expect(pageLanguage({ url: 'https://shop.example/ar/cart' })).toBe('ar');
    expect(pageLanguage({ url: 'https://shop.example/fr-ca' })).toBe('fr-ca');
    expect(pageLanguage({ url: 'https://shop.example/products/fa' })).toBeUndefined();
    expect(pageLanguage({ url: 'https://shop.example/cart', lang: '<script>' })).toBeUndefined();
    expect(pageLanguage({ url: 'not a url' })).toBeUndefined();
    expect(pageLanguage(undefined)).toBeUndefined();
  });
  it('fills placeholders and refuses an unknown one', () => {
    expect(renderTemplate(texts.en, { name: 'Sara', link: 'https://s.example/r/x' })).toBe('Sara, you left something in your cart: https://s.example/r/x');
    expect(renderTemplate('{name}, hi', { name: '' })).toBe(', hi');
    expect(() => renderTemplate('Hi {nmae}', { name: 'x' })).toThrow(/unknown placeholder \{nmae\}/);
  });
});

describe('quiet hours in the shopper time zone', () => {
  const quiet = { start: '21:00', end: '09:00' };
  it('23:10 in Tehran (UTC+3:30) waits until 09:00 Tehran time', () => {
    const at = new Date('2026-01-10T19:40:00Z'); // 23:10 in Tehran
    expect(isQuiet(at, 'Asia/Tehran', quiet)).toBe(true);
    expect(nextSendableTime(at, 'Asia/Tehran', quiet).toISOString()).toBe('2026-01-11T05:30:00.000Z');
  });
  it('the same instant is fine for a shopper in New York (14:40)', () => {
    const at = new Date('2026-01-10T19:40:00Z');
    expect(nextSendableTime(at, 'America/New_York', quiet)).toEqual(at);
  });
  it('a window inside one day, and an unknown zone falls back to UTC', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(nextSendableTime(new Date('2026-01-10T12:15:00Z'), 'Not/AZone', lunch).toISOString()).toBe('2026-01-10T13:30:00.000Z');
    expect(isQuiet(new Date('2026-01-10T13:30:00Z'), 'UTC', lunch)).toBe(false);
  });
});

describe('frequency cap', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  it('allows a message while fewer than max were sent in the window', () => {
    expect(nextSlotUnderCap([hoursAgo(30)], now, { max: 1, hours: 24 })).toEqual(now);
    expect(nextSlotUnderCap([hoursAgo(2)], now, { max: 2, hours: 24 })).toEqual(now);
  });
  it('delays to when the oldest counted message leaves the window', () => {
    expect(nextSlotUnderCap([hoursAgo(2)], now, { max: 1, hours: 24 })).toEqual(hoursAgo(2 - 24));
    expect(nextSlotUnderCap([hoursAgo(20), hoursAgo(5), hoursAgo(1)], now, { max: 2, hours: 24 })).toEqual(hoursAgo(5 - 24));
  });
});

describe('opt-out keywords', () => {
  it.each(['STOP', ' stop ', 'Stop.', 'لغو', 'لغو۱۱', 'لغو 11', '11', '١١', 'إلغاء', 'الغاء', 'הסר', 'הסרה', 'انصراف', 'UNSUBSCRIBE'])(
    '%s opts out',
    (body) => expect(replyIntent(body)).toBe('opt-out'),
  );
  it.each(['please stop sending me this', 'where is my order?', '111', 'ok'])('%s is not a keyword', (body) => expect(replyIntent(body)).toBe(null));
  it('START opts back in', () => expect(replyIntent('start')).toBe('opt-in'));
});

describe('campaign configuration', () => {
  it('merges a store configuration over the defaults', async () => {
    const { parseCampaigns } = await import('../src/campaigns/config.js');
    const config = parseCampaigns({ quietHours: null, campaigns: { survey: { enabled: false } } }, 45);
    expect(config.quietHours).toBe(null);
    expect(config.idleMinutes).toBe(45);
    expect(config.campaigns.survey.enabled).toBe(false);
    expect(config.campaigns.abandoned_cart.steps).toHaveLength(2);
    expect(config.attributionDays).toBe(5);
  });
  it('names every problem: unknown campaign, bad duration, unknown placeholder, missing link', async () => {
    const { parseCampaigns } = await import('../src/campaigns/config.js');
    expect(() => parseCampaigns({ campaigns: { winback: {} } }, 60)).toThrow(/unknown campaign "winback"/);
    const bad = { campaigns: { abandoned_cart: { enabled: true, steps: [{ after: 'tomorrow', template: { en: 'Hi {nmae}: {link}', fa: 'سلام' } }] } } };
    expect(() => parseCampaigns(bad, 60)).toThrow(/"tomorrow" is not a duration[\s\S]*unknown placeholder \{nmae\}[\s\S]*\(fa\): the text has no \{link\}/);
  });
  it('takes a per-link discount for the WooCommerce plugin, and refuses one that makes no sense', async () => {
    const { parseCampaigns } = await import('../src/campaigns/config.js');
    const withDiscount = (discount: unknown) => ({ campaigns: { cross_sell: { enabled: true, steps: [{ after: '7d', discount, template: { en: '{product}: {link}' } }] } } });
    expect(parseCampaigns(withDiscount({ type: 'percent', amount: 10 }), 60).campaigns.cross_sell.steps[0]!.discount).toEqual({ type: 'percent', amount: 10 });
    for (const bad of [{ type: 'percent', amount: 150 }, { type: 'fixed_product', amount: 5 }, { type: 'fixed_cart', amount: -5 }, null]) {
      expect(() => parseCampaigns(withDiscount(bad), 60)).toThrow(/cross_sell step 1: discount must be/);
    }
  });
});
