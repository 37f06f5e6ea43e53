// Keeps the state a store owner cares about up to date from stored events, inside the same
// transaction as the events themselves: identities (anonymousId ↔ phone, consent), carts (the
// latest snapshot per cart_id), orders (once per order_id) and products added.
// Events are applied in timestamp order and a cart never goes back to an older snapshot.
import type { Sql, StoredEvent } from '../feature.js';

type Product = Record<string, unknown> & { product_id?: string; variant?: string; quantity?: number; price?: number };

const CART_EVENTS = new Set(['Product Added', 'Product Removed', 'Cart Updated', 'Checkout Started']);

const productKey = (p: Product) => `${p.product_id ?? p.sku ?? p.name ?? ''}|${p.variant ?? ''}`;
const quantityOf = (p: Product) => (typeof p.quantity === 'number' ? p.quantity : 1);
const itemCount = (products: Product[]) => products.reduce((sum, p) => sum + quantityOf(p), 0);
const cartValue = (products: Product[]) =>
  products.reduce((sum, p) => sum + (typeof p.price === 'number' ? p.price * quantityOf(p) : 0), 0);

function productsOf(properties: Record<string, any> | undefined): Product[] | undefined {
  const products = properties?.products;
  return Array.isArray(products) ? (products.filter((p) => p && typeof p === 'object') as Product[]) : undefined;
}

/** The single product a Product Added / Removed event describes (its properties minus cart fields). */
function productFrom(properties: Record<string, any>): Product {
  const { cart_id: _c, currency: _cur, value: _v, products: _p, ...product } = properties;
  return product as Product;
}

function changeLine(products: Product[], product: Product, delta: number): Product[] {
  const key = productKey(product);
  const next = products.map((p) => ({ ...p }));
  const line = next.find((p) => productKey(p) === key);
  if (line) line.quantity = quantityOf(line) + delta;
  else if (delta > 0) next.push({ ...product, quantity: delta });
  return next.filter((p) => quantityOf(p) > 0);
}

async function applyIdentify(tx: Sql, e: StoredEvent): Promise<void> {
  if (!e.anonymousId) return;
  const traits = e.traits ?? {};
  const phone = typeof traits.phone === 'string' ? traits.phone : null;
  const consentTrait = typeof traits.phone_consent === 'boolean' ? traits.phone_consent : undefined;
  const contextConsent = typeof e.context?.consent?.sms === 'boolean' ? (e.context.consent.sms as boolean) : undefined;
  const consent = consentTrait ?? contextConsent;
  const email = typeof traits.email === 'string' ? traits.email : null;
  await tx.run(
    `INSERT INTO identities (write_key, anonymous_id, user_id, phone, phone_consent, email, first_seen, last_seen)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (write_key, anonymous_id) DO UPDATE SET
       user_id = COALESCE(excluded.user_id, identities.user_id),
       phone = COALESCE(excluded.phone, identities.phone),
       phone_consent = COALESCE(excluded.phone_consent, identities.phone_consent),
       email = COALESCE(excluded.email, identities.email),
       first_seen = CASE WHEN excluded.first_seen < identities.first_seen THEN excluded.first_seen ELSE identities.first_seen END,
       last_seen = CASE WHEN excluded.last_seen > identities.last_seen THEN excluded.last_seen ELSE identities.last_seen END`,
    [e.writeKey, e.anonymousId, e.userId ?? null, phone, consent === undefined ? null : consent ? 1 : 0, email, e.timestamp],
  );
}

async function applyCart(tx: Sql, e: StoredEvent): Promise<void> {
  const properties = e.properties ?? {};
  const cartId = typeof properties.cart_id === 'string' ? properties.cart_id : undefined;
  if (!cartId) return; // nothing to key the snapshot on
  const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [existing] = await tx.query<{ products: string; updated_at: string; currency: string | null; value: number | null }>(
    `SELECT products, updated_at, currency, value FROM carts WHERE write_key = $1 AND cart_id = $2${lock}`,
    [e.writeKey, cartId],
  );
  if (existing && existing.updated_at > e.timestamp) return; // a newer snapshot is already there
  const before: Product[] = existing ? JSON.parse(existing.products) : [];
  let products = before;
  let value: number | null;
  if (e.event === 'Product Added' || e.event === 'Product Removed') {
    const product = productFrom(properties);
    const delta = quantityOf(product) * (e.event === 'Product Added' ? 1 : -1);
    products = changeLine(before, product, delta);
    value = cartValue(products);
  } else {
    products = productsOf(properties) ?? before;
    value = typeof properties.value === 'number' ? properties.value : cartValue(products);
  }
  const currency = typeof properties.currency === 'string' ? properties.currency : (existing?.currency ?? null);
  const checkoutAt = e.event === 'Checkout Started' ? e.timestamp : null;
  await tx.run(
    `INSERT INTO carts (write_key, cart_id, anonymous_id, currency, value, products, item_count, checkout_started_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (write_key, cart_id) DO UPDATE SET
       anonymous_id = COALESCE(excluded.anonymous_id, carts.anonymous_id),
       currency = excluded.currency, value = excluded.value, products = excluded.products, item_count = excluded.item_count,
       checkout_started_at = COALESCE(excluded.checkout_started_at, carts.checkout_started_at),
       updated_at = excluded.updated_at`,
    [e.writeKey, cartId, e.anonymousId ?? null, currency, value, JSON.stringify(products), itemCount(products), checkoutAt, e.timestamp],
  );
}

async function applyProductAdded(tx: Sql, e: StoredEvent): Promise<void> {
  const product = productFrom(e.properties ?? {});
  const key = productKey(product);
  if (key === '|') return;
  await tx.run(
    `INSERT INTO products_added (write_key, product_key, name, adds, quantity) VALUES ($1, $2, $3, 1, $4)
     ON CONFLICT (write_key, product_key) DO UPDATE SET
       name = COALESCE(excluded.name, products_added.name),
       adds = products_added.adds + 1, quantity = products_added.quantity + excluded.quantity`,
    [e.writeKey, key, typeof product.name === 'string' ? product.name : null, Math.max(0, Math.round(quantityOf(product)))],
  );
}

async function applyOrder(tx: Sql, e: StoredEvent): Promise<void> {
  const p = e.properties ?? {};
  await tx.run(
    `INSERT INTO orders (write_key, order_id, cart_id, anonymous_id, value, currency, products, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (write_key, order_id) DO NOTHING`,
    [
      e.writeKey,
      String(p.order_id),
      typeof p.cart_id === 'string' ? p.cart_id : null,
      e.anonymousId ?? null,
      typeof p.value === 'number' ? p.value : null,
      typeof p.currency === 'string' ? p.currency : null,
      JSON.stringify(productsOf(p) ?? []),
      e.timestamp,
    ],
  );
}

export async function applyState(tx: Sql, events: StoredEvent[]): Promise<void> {
  const ordered = [...events].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  for (const e of ordered) {
    if (e.type === 'identify') await applyIdentify(tx, e);
    else if (e.type === 'track' && e.event) {
      if (CART_EVENTS.has(e.event)) await applyCart(tx, e);
      if (e.event === 'Product Added') await applyProductAdded(tx, e);
      if (e.event === 'Order Completed') await applyOrder(tx, e);
    }
  }
}
