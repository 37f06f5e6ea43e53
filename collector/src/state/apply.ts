// Keeps the state a store owner cares about up to date from stored events, inside the same
// transaction as the events themselves: identities (anonymousId ↔ phone, consent), carts (the
// latest snapshot per cart_id), orders (once per order_id) and product adds.
// Events are applied in timestamp order; a cart never goes back to an older full snapshot, and a
// line change that a newer snapshot already includes is not applied twice.
import type { Sql, StoredEvent } from '../feature.js';
import { emailAddress } from '../email/address.js';

type Product = Record<string, unknown> & { product_id?: string; variant?: string; quantity?: number; price?: number };

const CART_EVENTS = new Set(['Product Added', 'Product Removed', 'Cart Updated', 'Checkout Started']);

const productKey = (p: Product) => `${p.product_id ?? p.sku ?? p.name ?? ''}|${p.variant ?? ''}`;
const quantityOf = (p: Product) => (typeof p.quantity === 'number' ? p.quantity : 1);
// carts.item_count is a 32-bit INTEGER on PostgreSQL; lines added one by one have no ceiling.
const MAX_ITEM_COUNT = 2 ** 31 - 1;
const itemCount = (products: Product[]) => Math.min(MAX_ITEM_COUNT, products.reduce((sum, p) => sum + quantityOf(p), 0));
/**
 * product_adds is indexed on its key, and PostgreSQL refuses index rows over about 2.7 KB: a key
 * made from a long product name is cut to 300 characters (a few hundred bytes, enough to tell
 * products apart).
 */
const addsKey = (p: Product) => {
  const key = productKey(p);
  return key.length > 300 ? Array.from(key).slice(0, 300).join('') : key;
};
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
  // An address that is not a plain one is not kept (it would never be mailed); the rest of the event stands.
  const email = emailAddress(traits.email) ?? null;
  const emailConsent = typeof traits.email_consent === 'boolean' ? traits.email_consent : undefined;
  await tx.run(
    `INSERT INTO identities (write_key, anonymous_id, user_id, phone, phone_consent, email, email_consent, first_seen, last_seen)
     VALUES ($1, $2, $3, $4, $5, $6, $8, $7, $7)
     ON CONFLICT (write_key, anonymous_id) DO UPDATE SET
       user_id = COALESCE(excluded.user_id, identities.user_id),
       phone = COALESCE(excluded.phone, identities.phone),
       phone_consent = COALESCE(excluded.phone_consent, identities.phone_consent),
       email = COALESCE(excluded.email, identities.email),
       -- A consent given for one address is not carried over to another one typed later.
       email_consent = CASE WHEN excluded.email_consent IS NOT NULL THEN excluded.email_consent
         WHEN excluded.email IS NOT NULL AND excluded.email <> identities.email THEN NULL ELSE identities.email_consent END,
       first_seen = CASE WHEN excluded.first_seen < identities.first_seen THEN excluded.first_seen ELSE identities.first_seen END,
       last_seen = CASE WHEN excluded.last_seen > identities.last_seen THEN excluded.last_seen ELSE identities.last_seen END`,
    [e.writeKey, e.anonymousId, e.userId ?? null, phone, consent === undefined ? null : consent ? 1 : 0, email, e.timestamp, emailConsent === undefined ? null : emailConsent ? 1 : 0],
  );
}

interface CartSnapshot {
  anonymousId: string | null;
  currency: string | null;
  value: number | null;
  products: Product[];
  checkoutStartedAt: string | null;
  /** Latest event applied. */
  updatedAt: string;
  /** Time of the full snapshot (Cart Updated, Checkout Started with products) the lines come from. */
  snapshotAt: string | null;
}

const later = (a: string | undefined | null, b: string) => (a && a > b ? a : b);

/**
 * One cart event applied to a cart. A full snapshot replaces the lines unless a newer one is
 * already there; a single line change (Product Added / Removed) applies unless a newer full
 * snapshot already includes it. So batches may arrive in any order (retries, several collector
 * processes) and the cart ends up the same.
 */
function foldCart(cart: CartSnapshot | undefined, e: StoredEvent): CartSnapshot {
  const properties = e.properties ?? {};
  const before = cart?.products ?? [];
  const newer = !cart?.snapshotAt || e.timestamp > cart.snapshotAt;
  let products = before;
  let value = cart?.value ?? null;
  let snapshotAt = cart?.snapshotAt ?? null;
  if (e.event === 'Product Added' || e.event === 'Product Removed') {
    if (newer) {
      const product = productFrom(properties);
      products = changeLine(before, product, quantityOf(product) * (e.event === 'Product Added' ? 1 : -1));
      value = cartValue(products);
    }
  } else {
    const lines = productsOf(properties);
    if (lines && (!cart?.snapshotAt || e.timestamp >= cart.snapshotAt)) {
      products = lines;
      value = typeof properties.value === 'number' ? properties.value : cartValue(products);
      snapshotAt = e.timestamp;
    } else if (!lines && typeof properties.value === 'number' && newer) value = properties.value;
  }
  // Who and which currency: the latest event's, else what is known.
  const latest = !cart || e.timestamp >= cart.updatedAt;
  const pick = <T,>(fresh: T | undefined, known: T | null | undefined): T | null => (latest ? (fresh ?? known ?? null) : (known ?? fresh ?? null));
  return {
    anonymousId: pick(e.anonymousId, cart?.anonymousId),
    currency: pick(typeof properties.currency === 'string' ? (properties.currency as string) : undefined, cart?.currency),
    value,
    products,
    checkoutStartedAt: e.event === 'Checkout Started' ? later(cart?.checkoutStartedAt, e.timestamp) : (cart?.checkoutStartedAt ?? null),
    updatedAt: later(cart?.updatedAt, e.timestamp),
    snapshotAt,
  };
}

/** All of a batch's events for one cart: one read and one write, whatever their number. */
async function applyCart(tx: Sql, writeKey: string, cartId: string, events: StoredEvent[]): Promise<void> {
  // Two collectors may fold events into the same cart at once. FOR UPDATE serialises them once the
  // row exists; before that there is no row to lock and both would write a cart of only their own
  // events, so PostgreSQL first takes a lock on the cart's key for the rest of the transaction.
  // (SQLite runs one writing transaction at a time.)
  if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [writeKey, cartId]);
  const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await tx.query<{ anonymous_id: string | null; products: string; updated_at: string; snapshot_at: string | null; currency: string | null; value: number | null; checkout_started_at: string | null }>(
    `SELECT anonymous_id, products, updated_at, snapshot_at, currency, value, checkout_started_at FROM carts WHERE write_key = $1 AND cart_id = $2${lock}`,
    [writeKey, cartId],
  );
  let cart: CartSnapshot | undefined = row && {
    anonymousId: row.anonymous_id,
    currency: row.currency,
    value: row.value,
    products: JSON.parse(row.products),
    checkoutStartedAt: row.checkout_started_at,
    updatedAt: row.updated_at,
    snapshotAt: row.snapshot_at,
  };
  for (const e of events) cart = foldCart(cart, e);
  if (!cart) return;
  await tx.run(
    `INSERT INTO carts (write_key, cart_id, anonymous_id, currency, value, products, item_count, checkout_started_at, created_at, updated_at, snapshot_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
     ON CONFLICT (write_key, cart_id) DO UPDATE SET
       anonymous_id = excluded.anonymous_id, currency = excluded.currency, value = excluded.value, products = excluded.products,
       item_count = excluded.item_count, checkout_started_at = excluded.checkout_started_at, updated_at = excluded.updated_at,
       snapshot_at = excluded.snapshot_at`,
    [writeKey, cartId, cart.anonymousId, cart.currency, cart.value, JSON.stringify(cart.products), itemCount(cart.products), cart.checkoutStartedAt, cart.updatedAt, cart.snapshotAt],
  );
}

/** Adds per product, summed over the batch: appended as one row per product and batch. */
async function applyProductsAdded(tx: Sql, events: StoredEvent[]): Promise<void> {
  const totals = new Map<string, { writeKey: string; key: string; name: string | null; adds: number; quantity: number; at: string }>();
  for (const e of events) {
    const product = productFrom(e.properties ?? {});
    const key = addsKey(product);
    if (key === '|') continue;
    const total = totals.get(`${e.writeKey}\n${key}`) ?? { writeKey: e.writeKey, key, name: null as string | null, adds: 0, quantity: 0, at: e.timestamp };
    if (typeof product.name === 'string') total.name = product.name;
    total.adds++;
    total.quantity += Math.max(0, quantityOf(product));
    totals.set(`${e.writeKey}\n${key}`, total);
  }
  const rows = [...totals.values()];
  if (!rows.length) return;
  // One multi-row INSERT for the batch; no row is shared with another batch, so nothing waits.
  const values = rows.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(', ');
  await tx.run(
    `INSERT INTO product_adds (write_key, product_key, name, adds, quantity, added_at) VALUES ${values}`,
    rows.flatMap((t) => [t.writeKey, t.key, t.name, t.adds, t.quantity, t.at]),
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
  const carts = new Map<string, { writeKey: string; cartId: string; events: StoredEvent[] }>();
  const added: StoredEvent[] = [];
  for (const e of ordered) {
    if (e.type === 'identify') await applyIdentify(tx, e);
    if (e.type !== 'track' || !e.event) continue;
    const cartId = e.properties?.cart_id;
    if (CART_EVENTS.has(e.event) && typeof cartId === 'string') {
      const id = `${e.writeKey}\n${cartId}`;
      const group = carts.get(id) ?? { writeKey: e.writeKey, cartId, events: [] };
      group.events.push(e);
      carts.set(id, group);
    }
    if (e.event === 'Product Added') added.push(e);
    if (e.event === 'Order Completed') await applyOrder(tx, e);
  }
  // Rows are locked in key order so that concurrent batches on PostgreSQL cannot deadlock.
  const byKey = <T,>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  for (const group of byKey(carts)) await applyCart(tx, group.writeKey, group.cartId, group.events);
  if (added.length) await applyProductsAdded(tx, added);
}
