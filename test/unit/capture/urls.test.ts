import { describe, expect, it } from 'vitest';
import { cartMutation } from '../../../src/capture/urls.js';

describe('cartMutation', () => {
  it.each([
    ['/cart/add', 'shopify'],
    ['/cart/add.js', 'shopify'],
    ['/fr/cart/change.js', 'shopify'],
    ['/en-ca/cart/update', 'shopify'],
    ['https://shop.example/cart/clear.js', 'shopify'],
    ['/?wc-ajax=add_to_cart', 'woocommerce'],
    ['/shop/?wc-ajax=remove_from_cart&x=1', 'woocommerce'],
    ['/wp-json/wc/store/v1/cart/add-item', 'woocommerce'],
    ['/wp-json/wc/store/cart/remove-item', 'woocommerce'],
    ['/wp-json/wc/store/v1/batch', 'woocommerce'],
    ['/?rest_route=/wc/store/v1/cart/update-item', 'woocommerce'],
  ])('%s changes a %s cart', (url, platform) => {
    expect(cartMutation(url, 'POST')).toBe(platform);
  });
  it.each(['/cart.js', '/cart', '/products/mug', '/?wc-ajax=get_refreshed_fragments', '/wp-json/wc/store/v1/products', '/cart/addition'])(
    '%s changes no cart',
    (url) => {
      expect(cartMutation(url, 'POST')).toBeUndefined();
    },
  );
  it('ignores reads and takes patterns from options', () => {
    expect(cartMutation('/cart/add.js', 'GET')).toBeUndefined();
    expect(cartMutation('/api/basket/items', 'POST', [/\/api\/basket\//])).toBe('generic');
  });
});

