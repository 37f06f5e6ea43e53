// Reading WooCommerce's order-received page: URL and body class, the plugin's JSON block, and the
// standard overview markup in the number formats stores use.
import { beforeEach, describe, expect, it } from 'vitest';
import { amount, isOrderReceivedPage, readJsonBlock, readOrderOverview } from '../../../src/thank-you/woocommerce.js';

const price = (text: string) => {
  const el = document.createElement('span');
  el.innerHTML = text;
  return amount(el);
};

describe('WooCommerce order-received page', () => {
  beforeEach(() => {
    document.body.className = '';
    document.body.innerHTML = '';
  });

  it('is recognised by its URL or its body class', () => {
    expect(isOrderReceivedPage('/checkout/order-received/1042/')).toBe(true);
    expect(isOrderReceivedPage('/fa/%D8%AA%D8%B3%D9%88%DB%8C%D9%87/order-received/77/')).toBe(true);
    expect(isOrderReceivedPage('/checkout/')).toBe(false);
    document.body.className = 'woocommerce-checkout woocommerce-order-received';
    expect(isOrderReceivedPage('/thanks')).toBe(true);
  });

  it('reads a JSON block and ignores a broken one', () => {
    document.body.innerHTML = '<script type="application/json" id="homing-order">{"order_id":"7","value":1}</script><script type="application/json" id="bad">{oops</script>';
    expect(readJsonBlock('homing-order')).toEqual({ order_id: '7', value: 1 });
    expect(readJsonBlock('bad')).toBeUndefined();
    expect(readJsonBlock('absent')).toBeUndefined();
  });

  it('parses prices the way stores print them', () => {
    expect(price('<bdi><span class="woocommerce-Price-currencySymbol">$</span>1,234.56</bdi>')).toBe(1234.56);
    expect(price('1.250,00&nbsp;€')).toBe(1250);
    expect(price('1.250,5 €')).toBe(1250.5);
    expect(price('1,250,000 ﷼')).toBe(1250000);
    expect(price('۱٬۲۵۰٬۰۰۰ تومان')).toBe(1250000);
    expect(price('٣٫٥ <span class="woocommerce-Price-currencySymbol">د.إ</span>')).toBe(3.5);
    expect(price('<span class="woocommerce-Price-currencySymbol">Rs.</span>1,499.')).toBe(1499);
    expect(price('free')).toBeUndefined();
  });

  it('falls back to the overview list and order-details table', () => {
    document.body.innerHTML = `
      <ul class="woocommerce-order-overview"><li class="woocommerce-order-overview__order order">Order number: <strong>WC-88</strong></li>
      <li class="woocommerce-order-overview__total total">Total: <strong><span class="woocommerce-Price-amount amount">$59.50</span></strong></li></ul>
      <table class="woocommerce-table--order-details"><tbody>
        <tr class="order_item"><td class="product-name"><a href="https://shop.example/product/mug/">Mug</a> <strong class="product-quantity">×&nbsp;3</strong></td><td class="product-total"><span class="amount">$45.00</span></td></tr>
        <tr class="order_item"><td class="product-name">Gift wrap <strong class="product-quantity">× 1</strong></td><td class="product-total"><span class="amount">$14.50</span></td></tr>
      </tbody></table>`;
    expect(readOrderOverview(document, 'https://shop.example/thank-you/')).toEqual({
      order_id: 'WC-88',
      value: 59.5,
      products: [
        { name: 'Mug', quantity: 3, price: 15, url: 'https://shop.example/product/mug/' },
        { name: 'Gift wrap', quantity: 1, price: 14.5 },
      ],
    });
    // The URL's order id wins over the displayed number (sequential-order-number plugins change it).
    expect(readOrderOverview(document, 'https://shop.example/checkout/order-received/1042/?key=k')?.order_id).toBe('1042');
    document.body.insertAdjacentHTML('afterbegin', '<p class="woocommerce-notice woocommerce-notice--error woocommerce-thankyou-order-failed">Unfortunately your order cannot be processed.</p>');
    expect(readOrderOverview(document, 'https://shop.example/checkout/order-received/1042/?key=k')).toBeUndefined();
    document.body.innerHTML = '';
    expect(readOrderOverview(document, 'https://shop.example/thank-you/')).toBeUndefined();
  });
});
