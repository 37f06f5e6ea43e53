// Edge cases of what may enter an SMS text (the attacks themselves run against a real collector in
// test/collector/attacks/sms-text.test.ts), and of the store settings that campaigns need.
import { describe, expect, it } from 'vitest';
import { CAMPAIGNS, defaultCampaigns, parseCampaigns } from '../src/campaigns/config.js';
import { personName } from '../src/campaigns/person-name.js';
import { withoutGreeting } from '../src/campaigns/render.js';
import { renderTemplate } from '../src/campaigns/template.js';
import { isUnder } from '../src/links/on-store.js';

describe('names in texts', () => {
  it.each(['Sara', 'سارا', 'محمد‌رضا', 'שרה', 'Zoë', "O'Neil", 'Anne-Marie', 'J. Smith', 'Dr. Ali', '  Sara   Ahmadi ', '佐々木', 'ハリー', 'Kaʻiulani', 'Nguyễn Thị Minh', 'Дмитрий', 'Αλέξανδρος', '김민준', 'Comfort', 'Netanel', 'Orghan'])('keeps %j', (name) => {
    expect(personName(name)).toBe(name.trim().replace(/ +/g, ' '));
  });

  it.each(['evil.com', 'x.y', 'evil .com', 'Sara@x', 'Sara1', '۱۲۳', 'http://x', 'Visit evil·com', 'A\u202Eb', 'Sara\nCall now', '', ' ', 'a'.repeat(31), '.Sara', 'www . x', 'evilꞏcom', 'evilㆍcom', 'evilᐧcom', 'evilːcom', 'evilˑcom', 'Winǃ', 'exаmple', 'Sa\u0334\u0335\u0336ra', 'Saraــ', 'www example com', 'Visit evil com', 'shop-net', 'HTTPS evil'])('drops %j', (name) => {
    expect(personName(name)).toBeUndefined();
  });

  it('leaves out the whole opening greeting when there is no name', () => {
    expect(withoutGreeting('{name}, you left something: {link}')).toBe('You left something: {link}');
    expect(withoutGreeting('{name} عزیز، سبد خریدتان منتظر شماست: {link}')).toBe('سبد خریدتان منتظر شماست: {link}');
    expect(withoutGreeting('Hi {name}, your cart: {link}')).toBe('Your cart: {link}');
    expect(withoutGreeting('Your cart, {name}: {link}')).toBe('Your cart, {name}: {link}');
  });

  it('every default text, in English, Persian, Hebrew and Arabic, keeps its link and reads right without a name', () => {
    const defaults = defaultCampaigns(60).campaigns;
    for (const name of CAMPAIGNS) {
      for (const step of defaults[name].steps) {
        expect(Object.keys(step.template).sort()).toEqual(['ar', 'en', 'fa', 'he']);
        for (const text of Object.values(step.template)) {
          const alone = renderTemplate(withoutGreeting(text), { name: '', link: 'L', code: 'C', store: 'S', product: 'P', order: 'O', days: 'D' });
          expect(alone).toMatch(/ L$/);
          // No dangling comma or greeting word left at the start.
          expect(alone).not.toMatch(/^[\s,،]|^(Hi|عزیز)/u);
        }
      }
    }
    expect(withoutGreeting('{name}, איך הייתה ההזמנה {order}? {link}')).toBe('איך הייתה ההזמנה {order}? {link}');
    expect(withoutGreeting('{name}، كيف كان طلبك {order}؟ {link}')).toBe('كيف كان طلبك {order}؟ {link}');
  });

  it('an empty placeholder leaves no gap', () => {
    expect(renderTemplate('How was your order {order}? {link}', { order: '', link: 'L' })).toBe('How was your order? L');
    expect(renderTemplate('از سفارش {order} راضی بودید؟ {link}', { order: '', link: 'L' })).toBe('از سفارش راضی بودید؟ L');
  });
});

describe('store settings', () => {
  it('a store URL must be an http(s) URL without credentials; countries are ISO codes; the budget a whole number', () => {
    expect(() => parseCampaigns({ stores: { wk: { url: 'shop.example' } } }, 60)).toThrow(/stores\.wk\.url must be the store's http\(s\) URL/);
    expect(() => parseCampaigns({ stores: { wk: { url: 'https://u:p@shop.example' } } }, 60)).toThrow(/stores\.wk\.url/);
    expect(() => parseCampaigns({ stores: { wk: { url: 'https://shop.example', country: 'Iran' } } }, 60)).toThrow(/"Iran" is not a country code/);
    expect(() => parseCampaigns({ stores: { wk: { url: 'https://shop.example', countries: 'AE' } } }, 60)).toThrow(/countries must be a list/);
    expect(() => parseCampaigns({ stores: { wk: { url: 'https://shop.example', dailySmsBudget: -1 } } }, 60)).toThrow(/dailySmsBudget/);
    expect(() => parseCampaigns({ phoneDailyCap: 0 }, 60)).toThrow(/phoneDailyCap/);
    expect(() => parseCampaigns({ stores: { wk: { url: 'https://shop.example', locale: 'Persian' } } }, 60)).toThrow(/stores\.wk\.locale must be a language tag/);
    expect(parseCampaigns({ stores: { wk: { url: 'https://shop.example', country: 'IR', countries: ['AE'], dailySmsBudget: 0, locale: 'fa-IR' } } }, 60).stores.wk).toBeDefined();
  });

  it('a link target is under the store URL only with the same origin and a path below it', () => {
    expect(isUnder('https://shop.example/cart/1:1', 'https://shop.example')).toBe(true);
    expect(isUnder('https://shop.example/store/cart', 'https://shop.example/store/')).toBe(true);
    expect(isUnder('https://shop.example/storefront', 'https://shop.example/store')).toBe(false);
    expect(isUnder('https://shop.example/other', 'https://shop.example/store')).toBe(false);
    expect(isUnder('http://shop.example/', 'https://shop.example')).toBe(false);
    expect(isUnder('https://shop.example:8443/', 'https://shop.example')).toBe(false);
    expect(isUnder('https://shop.example.evil.example/', 'https://shop.example')).toBe(false);
    expect(isUnder('https://x@shop.example/', 'https://shop.example')).toBe(false);
    expect(isUnder('javascript:alert(1)', 'https://shop.example')).toBe(false);
  });
});
