// The data-homing-* buttons of stores without a platform cart (dist/lazy/generic.mjs): what a
// click on one does to the cart Homing keeps. Loaded on pages that have such buttons; a click
// before it arrived was read at once (generic.ts) and is applied now.
import type { Product } from '../protocol/types.js';
import { lineKey as keyOf, type Cart } from './cart.js';
import type { ButtonFields } from './generic.js';
import { fromMinorUnits, parsePrice } from './money.js';

/** The product the attributes describe, as protocol fields (extra ones pass through). */
export function productFromFields(fields: ButtonFields): { product: Product; currency?: string } {
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

/** What a click means in events (see tracker.ts CartDiff). */
export { diffCarts } from './cart.js';

/** The cart after a click on a button with these attributes. */
export function clicked(cart: Cart, fields: ButtonFields, sign: 1 | -1): Cart {
  const { product, currency } = productFromFields(fields);
  return changeCart(cart, product, sign, currency);
}

