// Where a short link sends the shopper: back to their cart, with the discount applied.
//  - Shopify: the cart permalink /cart/{variant}:{qty},{variant}:{qty}?discount=CODE fills a new
//    cart and applies the code (https://shopify.dev/docs/apps/build/checkout/create-cart-permalinks).
//  - WooCommerce: `?homing_cart=<base64url JSON>&homing_sig=<hex HMAC-SHA256>` for the Homing plugin's
//    restore handler (it verifies the signature, refills the cart and applies the coupon, or makes a
//    single-use coupon for the link when it carries a discount `d`); without a secret,
//    WooCommerce's own `?add-to-cart={id}&quantity={n}` for the first line. Cross-sell links use the
//    same signed link with the one offered product.
//  - Anything else: the store's URL with `?discount=CODE`.
import { createHmac } from 'node:crypto';

export interface CartLine {
  product_id?: string;
  variant?: string;
  quantity?: number;
}

export interface StoreTarget {
  url: string;
  platform?: string;
  /** Signs WooCommerce restore links; the plugin checks it with the same secret. */
  secret?: string;
}

/** A discount the WooCommerce plugin turns into a coupon for one link (used once, 7 days). */
export interface LinkDiscount {
  type: 'percent' | 'fixed_cart';
  amount: number;
}

const quantity = (line: CartLine) => Math.max(1, Math.round(line.quantity ?? 1));

export function cartRestoreUrl(store: StoreTarget, lines: CartLine[], discountCode: string | undefined, now: Date, discount?: LinkDiscount): string {
  const base = store.url.replace(/\/+$/, '');
  if (store.platform === 'shopify') {
    const items = lines.filter((l) => l.variant).map((l) => `${encodeURIComponent(l.variant!)}:${quantity(l)}`);
    const url = new URL(items.length ? `${base}/cart/${items.join(',')}` : `${base}/cart`);
    if (discountCode) url.searchParams.set('discount', discountCode);
    return url.toString();
  }
  if (store.platform === 'woocommerce') {
    const url = new URL(`${base}/`);
    if (store.secret) {
      const payload = Buffer.from(
        JSON.stringify({
          i: lines.filter((l) => l.product_id).map((l) => [l.product_id, l.variant ?? '', quantity(l)]),
          c: discountCode ?? '',
          e: Math.floor(now.getTime() / 1000) + 30 * 86_400,
          ...(discount ? { d: { type: discount.type, amount: discount.amount } } : {}),
        }),
      ).toString('base64url');
      url.searchParams.set('homing_cart', payload);
      url.searchParams.set('homing_sig', createHmac('sha256', store.secret).update(payload).digest('hex'));
      return url.toString();
    }
    const first = lines.find((l) => l.product_id);
    if (first) {
      url.searchParams.set('add-to-cart', first.variant || first.product_id!);
      url.searchParams.set('quantity', String(quantity(first)));
    }
    return url.toString();
  }
  const url = new URL(base);
  if (discountCode) url.searchParams.set('discount', discountCode);
  return url.toString();
}

/**
 * A product page with the discount: Shopify's /discount/CODE?redirect=path applies it first; the
 * WooCommerce plugin restores the product into the cart with the code through a signed cart link.
 * Without a product URL, the store's configured URL.
 */
export function productUrl(store: StoreTarget, product: { product_id: string; url?: string }, discountCode: string | undefined, now: Date, discount?: LinkDiscount): string {
  if (store.platform === 'woocommerce' && store.secret) return cartRestoreUrl(store, [{ product_id: product.product_id, quantity: 1 }], discountCode, now, discount);
  const base = store.url.replace(/\/+$/, '');
  // A product without its own page leads to the store's URL itself: the origin's root is outside a
  // store configured with a path (http://host/shop/fa.html), and the link check would refuse it.
  const target = product.url ? new URL(product.url, `${base}/`) : new URL(store.url);
  if (!discountCode) return target.toString();
  if (store.platform === 'shopify') {
    const url = new URL(`${base}/discount/${encodeURIComponent(discountCode)}`);
    url.searchParams.set('redirect', `${target.pathname}${target.search}`);
    return url.toString();
  }
  target.searchParams.set(store.platform === 'woocommerce' ? 'coupon_code' : 'discount', discountCode);
  return target.toString();
}

/**
 * A platform's own checkout recovery URL (Shopify's abandoned_checkout_url, WooCommerce's pay-for-order
 * page). Shopify's checkout applies `?discount=CODE`; a WooCommerce order awaiting payment already
 * has its totals, so its page is left as it is.
 */
export function checkoutUrlWithCode(checkoutUrl: string, discountCode: string | undefined): string {
  const url = new URL(checkoutUrl);
  if (discountCode && !url.searchParams.has('pay_for_order')) url.searchParams.set('discount', discountCode);
  return url.toString();
}
