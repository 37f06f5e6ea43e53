// Stores that are neither Shopify nor WooCommerce describe their add-to-cart buttons with
// data-homing-* attributes (documented in the README), on the button or on an ancestor:
//   <button data-homing-add-to-cart data-homing-product-id="42" data-homing-variant="42-red"
//           data-homing-name="Mug" data-homing-price="12.50" data-homing-currency="EUR">Add</button>
// A click is a cart change. Every page keeps only this: the click is heard and the attributes
// are read at once (the theme may re-render the button right after); what they mean for the
// cart is the `buttons` chunk's part (./buttons.lazy.ts), loaded on pages that have such buttons.
import { safe } from './safe.js';

export const CART_BUTTONS = '[data-homing-add-to-cart],[data-homing-remove-from-cart]';

/** data-homing-* attribute name without its prefix, with underscores (`image-url` → `image_url`) → value. */
export type ButtonFields = Record<string, string>;

/**
 * Every data-homing-* attribute of the button and of its ancestors up to the one carrying
 * data-homing-product-id (the button's own win).
 */
export function buttonFields(el: Element): ButtonFields {
  const fields: ButtonFields = {};
  for (let node: Element | null = el; node && !fields.product_id; node = node.parentElement)
    for (const { name, value } of node.attributes) {
      const key = name.startsWith('data-homing-') && name.slice(12).replace(/-/g, '_');
      if (key && !(key in fields)) fields[key] = value;
    }
  return fields;
}

/** `sign`: 1 for an add-to-cart button, -1 for a remove-from-cart one. */
export function watchCartButtons(onClick: (fields: ButtonFields, sign: 1 | -1) => void): void {
  const onEvent = safe((event: Event) => {
    const target = event.composedPath()[0];
    const button = target instanceof Element && target.closest(CART_BUTTONS);
    if (button) onClick(buttonFields(button), button.hasAttribute('data-homing-add-to-cart') ? 1 : -1);
  });
  addEventListener('click', onEvent, true);
}
