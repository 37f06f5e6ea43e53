import { describe, expect, it } from 'vitest';
import { diffCarts } from '../../../src/capture/cart.js';
import { buttonFields } from '../../../src/capture/generic.js';
import { changeCart, productFromFields } from '../../../src/capture/generic.lazy.js';
import { fromShopifyCart } from '../../../src/capture/shopify.lazy.js';
import { cartIdFromToken, fromStoreApiCart } from '../../../src/capture/woocommerce.lazy.js';

describe('platform carts', () => {
  it('reads a Shopify /cart.js (cents) into protocol products; the cart is named by its token without the key to its buyer details', () => {
    const cart = fromShopifyCart({
      token: 'c1-abc?key=def',
      currency: 'EUR',
      total_price: 4598,
      items: [{ id: 111, variant_id: 111, product_id: 11, sku: '', title: 'Mug - Red', product_title: 'Mug', price: 2299, final_price: 2299, quantity: 2, url: '/products/mug?variant=111', image: 'https://cdn.example/mug.png' }],
    });
    expect(cart).toEqual({
      id: 'c1-abc',
      currency: 'EUR',
      value: 45.98,
      products: [{ product_id: '11', variant: '111', name: 'Mug', price: 22.99, quantity: 2, url: `${location.origin}/products/mug?variant=111`, image_url: 'https://cdn.example/mug.png' }],
    });
  });

  it('reads a Store API cart with currency_minor_unit 0 (IRR) and a JWT cart token', () => {
    const token = `e30.${btoa(JSON.stringify({ user_id: 't_42', exp: 1 })).replace(/=+$/, '')}.sig`;
    const cart = fromStoreApiCart(
      {
        items: [{ id: 7, name: 'Saffron', sku: 'SAF', quantity: 3, variation: [], permalink: 'https://s/saffron', images: [{ src: 'https://s/saf.png' }], prices: { price: '1250000', currency_minor_unit: 0 } }],
        totals: { total_price: '3750000', currency_code: 'IRR', currency_minor_unit: 0 },
      },
      token,
    );
    expect(cart).toEqual({
      id: 'wc_t_42',
      currency: 'IRR',
      value: 3750000,
      products: [{ product_id: '7', sku: 'SAF', name: 'Saffron', price: 1250000, quantity: 3, url: 'https://s/saffron', image_url: 'https://s/saf.png' }],
    });
    expect(cartIdFromToken('opaque')).toBe('opaque');
  });
});

describe('diffCarts', () => {
  it('reports added and removed quantities per variant', () => {
    const before = [
      { variant: 'a', price: 1, quantity: 1 },
      { variant: 'b', price: 2, quantity: 3 },
    ];
    const after = [
      { variant: 'a', price: 1, quantity: 3 },
      { variant: 'b', price: 2, quantity: 1 },
      { variant: 'c', price: 5, quantity: 1 },
    ];
    expect(diffCarts(before, after)).toEqual({
      added: [
        { variant: 'a', price: 1, quantity: 2 },
        { variant: 'c', price: 5, quantity: 1 },
      ],
      removed: [{ variant: 'b', price: 2, quantity: 2 }],
    });
    expect(diffCarts(after, after)).toEqual({ added: [], removed: [] });
    expect(diffCarts(after, []).removed).toHaveLength(3);
  });
});

describe('generic data-homing-* carts', () => {
  it('reads product fields from the button and its ancestors, and sums the value exactly', () => {
    document.body.innerHTML = `<div data-homing-product-id="9" data-homing-name="Tea" data-homing-currency="EUR" data-homing-price="0.10">
      <button data-homing-add-to-cart data-homing-variant="9-s" data-homing-quantity="2">Add</button></div>`;
    const { product, currency } = productFromFields(buttonFields(document.querySelector('button')!));
    expect(product).toEqual({ product_id: '9', variant: '9-s', name: 'Tea', price: 0.1, quantity: 2 });
    expect(currency).toBe('EUR');
    let cart = changeCart({ products: [] }, product, 1, currency);
    cart = changeCart(cart, { variant: 'x', price: 0.2, quantity: 1 }, 1);
    expect(cart.value).toBe(0.4);
    cart = changeCart(cart, { variant: '9-s', quantity: 2 }, -1);
    expect(cart.products).toEqual([{ variant: 'x', price: 0.2, quantity: 1 }]);
    expect(cart.value).toBe(0.2);
  });
});
