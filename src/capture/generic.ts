// Stores that are neither Shopify nor WooCommerce describe their add-to-cart buttons with
// data-homing-* attributes (documented in the README), on the button or on an ancestor:
//   <button data-homing-add-to-cart data-homing-product-id="42" data-homing-variant="42-red"
//           data-homing-name="Mug" data-homing-price="12.50" data-homing-currency="EUR">Add</button>
// A click is a cart change; the cart is kept by Homing since there is no platform cart to read.
import type { Product } from '../protocol/types.js';
import { lineKey as keyOf, type Cart } from './cart.js';
import { fromMinorUnits, parsePrice } from './money.js';
import { safe } from './safe.js';

/**
 * The product a data-homing-* element describes: every data-homing-* attribute of the button and
 * of its ancestors up to the one carrying data-homing-product-id (the button's own win), as
 * protocol fields (`data-homing-image-url` → `image_url`; extra ones pass through).
 */
export function productFromAttributes(el: Element): { product: Product; currency?: string } {
  const fields: Record<string, string> = {};
  for (let node: Element | null = el; node && !fields.product_id; node = node.parentElement)
    for (const { name, value } of node.attributes) {
      const key = name.startsWith('data-homing-') && name.slice(12).replace(/-/g, '_');
      if (key && !(key in fields)) fields[key] = value;
    }
  const { currency, add_to_cart, remove_from_cart, price, quantity, ...rest } = fields;
  return { product: { ...rest, price: parsePrice(price), quantity: parseInt(quantity, 10) || 1 }, currency };
}

/** The cart after adding (`sign` 1) or removing (-1) a product, its value summed without float drift. */
export function changeCart(cart: Cart, product: Product, sign: 1 | -1, currency?: string): Cart {
  const quantity = product.quantity ?? 1;
  const products: Product[] = [];
  let found = false;
  for (const line of cart.products) {
    if (keyOf(line) != keyOf(product)) products.push(line);
    else {
      found = true;
      const left = (line.quantity ?? 1) + sign * quantity;
      if (left > 0) products.push({ ...line, ...product, quantity: left });
    }
  }
  if (!found && sign > 0) products.push({ ...product, quantity });
  // Sums in millionths as integers: 0.1 + 0.2 stays 0.3.
  const micros = products.reduce((sum, p) => sum + Math.round((p.price ?? 0) * 1e6) * (p.quantity ?? 1), 0);
  return { ...cart, currency: currency ?? cart.currency, value: fromMinorUnits(micros, 6), products };
}

export function watchCartButtons(onChange: (product: Product, sign: 1 | -1, currency?: string) => void, doc: Document = document): () => void {
  const onClick = safe((event: Event) => {
    const target = event.composedPath()[0];
    const button = target instanceof Element && target.closest('[data-homing-add-to-cart],[data-homing-remove-from-cart]');
    if (!button) return;
    const { product, currency } = productFromAttributes(button);
    onChange(product, button.hasAttribute('data-homing-add-to-cart') ? 1 : -1, currency);
  });
  doc.addEventListener('click', onClick, true);
  return () => doc.removeEventListener('click', onClick, true);
}
