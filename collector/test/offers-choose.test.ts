// Offer selection and token signing: pure functions, no collector needed.
import { describe, expect, it } from 'vitest';
import { chooseOffers } from '../src/offers/choose.js';
import { signOfferToken, verifyOfferToken, type TokenClaims } from '../src/offers/token.js';
import { checkRule } from '../src/offers/rule-schema.js';
import type { OfferRule } from '../src/offers/types.js';

const now = new Date('2026-11-23T10:00:00Z');
const phone = { product_id: 'phone-1', collections: ['phones'] };
const order = { order_id: '1001', value: 500, currency: 'USD', products: [phone] };

const chargerRule: OfferRule = {
  id: 'phone-accessories',
  name: 'Complete your setup',
  when: { collections: ['phones'] },
  currency: 'USD',
  offer: [
    { product_id: 'charger', name: 'Fast charger', price: 40, variants: [{ variant: 'eu', name: 'EU plug' }, { variant: 'us', name: 'US plug', price: 42 }] },
    { product_id: 'earbuds', name: 'Earbuds', price: 99.99 },
    { product_id: 'screen', name: 'Screen protector', price: 15 },
  ],
  discount: { percent: 25 },
  expires_in_minutes: 10,
  max_quantity: 3,
};

describe('chooseOffers', () => {
  it('offers the products of a rule whose collection was bought, discounted, with an expiry', () => {
    const offers = chooseOffers(order, [chargerRule], now);
    expect(offers.map((o) => o.product.product_id)).toEqual(['charger', 'earbuds', 'screen']);
    expect(offers[0]).toMatchObject({
      id: 'phone-accessories~charger',
      order_id: '1001',
      currency: 'USD',
      discount_percent: 25,
      max_quantity: 3,
      expires_at: '2026-11-23T10:10:00.000Z',
      choices: [
        { variant: 'eu', price: 30, regular_price: 40 },
        { variant: 'us', price: 31.5, regular_price: 42 },
      ],
    });
    expect(offers[1].choices).toEqual([{ price: 74.99, regular_price: 99.99 }]);
  });

  it('matches on a purchased product id too, and not on an unrelated order', () => {
    const byProduct = { ...chargerRule, when: { product_ids: ['phone-1'] } };
    expect(chooseOffers(order, [byProduct], now)).toHaveLength(3);
    const other = { ...order, products: [{ product_id: 'sofa', collections: ['furniture'] }] };
    expect(chooseOffers(other, [chargerRule], now)).toEqual([]);
  });

  it('honours order-value bounds, currency, inactive rules and a fixed discount', () => {
    expect(chooseOffers(order, [{ ...chargerRule, min_order_value: 600 }], now)).toEqual([]);
    expect(chooseOffers(order, [{ ...chargerRule, max_order_value: 499 }], now)).toEqual([]);
    expect(chooseOffers(order, [{ ...chargerRule, min_order_value: 500, max_order_value: 500 }], now)).toHaveLength(3);
    expect(chooseOffers({ ...order, currency: 'EUR' }, [chargerRule], now)).toEqual([]);
    expect(chooseOffers(order, [{ ...chargerRule, active: false }], now)).toEqual([]);
    const fixed = chooseOffers(order, [{ ...chargerRule, discount: { amount: 5 } }], now);
    expect(fixed[2].choices[0]).toEqual({ price: 10, regular_price: 15 });
  });

  it('offers at most N, highest priority first, never a product already bought or offered twice', () => {
    const limited = chooseOffers(order, [{ ...chargerRule, max_offers: 1 }], now);
    expect(limited.map((o) => o.product.product_id)).toEqual(['charger']);
    const urgent: OfferRule = { id: 'case-first', priority: 10, currency: 'USD', offer: [{ product_id: 'case', name: 'Case', price: 20 }, { product_id: 'phone-1', name: 'Phone again', price: 500 }, { product_id: 'earbuds', name: 'Earbuds', price: 90 }] };
    const offers = chooseOffers(order, [chargerRule, urgent], now);
    expect(offers.map((o) => o.id)).toEqual(['case-first~case', 'case-first~earbuds', 'phone-accessories~charger']);
  });
});

describe('offer tokens', () => {
  const secret = 'test-secret';
  const claims: TokenClaims = { o: '1001', f: 'phone-accessories~charger', p: 'charger', v: 'eu', q: 3, a: 30, c: 'USD', e: now.getTime() + 600_000 };

  it('verifies what it signed', () => {
    expect(verifyOfferToken(signOfferToken(claims, secret), secret, now)).toEqual({ ok: true, claims });
  });

  it('refuses a changed price, another key, an expired offer and garbage, each with its own error', () => {
    const token = signOfferToken(claims, secret);
    const [, sig] = token.split('.');
    const cheaper = `${Buffer.from(JSON.stringify({ ...claims, a: 0.01 })).toString('base64url')}.${sig}`;
    expect(verifyOfferToken(cheaper, secret, now)).toMatchObject({ ok: false, status: 403, error: 'bad_signature' });
    expect(verifyOfferToken(token, 'other-secret', now)).toMatchObject({ ok: false, status: 403, error: 'bad_signature' });
    const late = new Date(claims.e + 1);
    expect(verifyOfferToken(token, secret, late)).toMatchObject({ ok: false, status: 410, error: 'offer_expired' });
    expect(verifyOfferToken('nonsense', secret, now)).toMatchObject({ ok: false, status: 400, error: 'malformed_token' });
    expect(verifyOfferToken(undefined, secret, now)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('rule validation', () => {
  it('names each bad field', () => {
    const result = checkRule({ id: 'x', currency: 'usd', offer: [{ product_id: 'a', name: 'A', price: -1, image_url: 'javascript:alert(1)' }], colour: 'red' });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.join('\n');
    expect(errors).toContain('/currency');
    expect(errors).toContain('/offer/0/price');
    expect(errors).toContain('/offer/0/image_url');
    expect(errors).toContain('colour');
    expect(checkRule(chargerRule).ok).toBe(true);
  });
});
