// retention_orders (a core table, see the end of this file): each standing order of a store with the customer it belongs to (see
// ./customers.ts), kept by triggers in the same transaction as the order or identity that changed
// it (a new order, a cancellation or refund, a browser that gets a phone or an email), so the
// report reads one table in customer order instead of resolving every order's identity each time.
// (An index on orders by (write_key, created_at) alone made the report slower: a range up to now
// covers nearly every order, and a scan beats index lookups; see bench/retention.bench.mjs.)
import { ORDER_STANDS } from '../state/ordered.js';

const table = (real: string) => `CREATE TABLE retention_orders (
    write_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    customer TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    anonymous_id TEXT,
    value ${real} NOT NULL,
    currency TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (write_key, order_id)
  );
  CREATE INDEX retention_orders_customer ON retention_orders (write_key, customer, created_at, value, currency);
  CREATE INDEX retention_orders_anonymous_id ON retention_orders (write_key, anonymous_id)`;

/** The customer key of an order from its browser's phone and email: phone, else email, else browser, else the order. */
export const customerKey = (phone: string, email: string, anonymousId: string, orderId: string) =>
  `COALESCE('p:' || NULLIF(${phone}, ''), 'e:' || LOWER(NULLIF(${email}, '')), 'a:' || ${anonymousId}, 'o:' || ${orderId})`;

/** Inserts the rows of the standing orders matching `where` (aliases o: orders, i: identities). */
const insertOrders = (where: string) => `INSERT INTO retention_orders (write_key, order_id, customer, phone, email, anonymous_id, value, currency, created_at)
    SELECT o.write_key, o.order_id, ${customerKey('i.phone', 'i.email', 'o.anonymous_id', 'o.order_id')},
           NULLIF(i.phone, ''), LOWER(NULLIF(i.email, '')), o.anonymous_id, COALESCE(o.value, 0), UPPER(o.currency), o.created_at
    FROM orders o LEFT JOIN identities i ON i.write_key = o.write_key AND i.anonymous_id = o.anonymous_id
    WHERE ${where} AND ${ORDER_STANDS}`;

const rekey = (row: 'NEW') => `UPDATE retention_orders SET customer = ${customerKey(`${row}.phone`, `${row}.email`, 'anonymous_id', 'order_id')},
      phone = NULLIF(${row}.phone, ''), email = LOWER(NULLIF(${row}.email, ''))
    WHERE write_key = ${row}.write_key AND anonymous_id = ${row}.anonymous_id`;

const sqlite = `${table('REAL')};
  CREATE TRIGGER retention_order_added AFTER INSERT ON orders BEGIN
    ${insertOrders('o.write_key = NEW.write_key AND o.order_id = NEW.order_id')};
  END;
  CREATE TRIGGER retention_order_changed AFTER UPDATE ON orders BEGIN
    DELETE FROM retention_orders WHERE write_key = OLD.write_key AND order_id = OLD.order_id;
    ${insertOrders('o.write_key = NEW.write_key AND o.order_id = NEW.order_id')};
  END;
  CREATE TRIGGER retention_order_removed AFTER DELETE ON orders BEGIN
    DELETE FROM retention_orders WHERE write_key = OLD.write_key AND order_id = OLD.order_id;
  END;
  CREATE TRIGGER retention_identity_added AFTER INSERT ON identities BEGIN
    ${rekey('NEW')};
  END;
  CREATE TRIGGER retention_identity_changed AFTER UPDATE OF phone, email ON identities
    WHEN OLD.phone IS NOT NEW.phone OR OLD.email IS NOT NEW.email BEGIN
    ${rekey('NEW')};
  END;
  CREATE TRIGGER retention_identity_removed AFTER DELETE ON identities BEGIN
    UPDATE retention_orders SET customer = 'a:' || anonymous_id, phone = NULL, email = NULL
    WHERE write_key = OLD.write_key AND anonymous_id = OLD.anonymous_id;
  END;
  ${insertOrders('1 = 1')}`;

const postgres = `${table('DOUBLE PRECISION')};
  CREATE FUNCTION retention_order_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      DELETE FROM retention_orders WHERE write_key = OLD.write_key AND order_id = OLD.order_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      ${insertOrders('o.write_key = NEW.write_key AND o.order_id = NEW.order_id')};
    END IF;
    RETURN NULL;
  END $fn$;
  CREATE TRIGGER retention_order_changed AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION retention_order_changed();
  CREATE FUNCTION retention_identity_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      UPDATE retention_orders SET customer = 'a:' || anonymous_id, phone = NULL, email = NULL
      WHERE write_key = OLD.write_key AND anonymous_id = OLD.anonymous_id;
    ELSE
      ${rekey('NEW')};
    END IF;
    RETURN NULL;
  END $fn$;
  CREATE TRIGGER retention_identity_added AFTER INSERT OR DELETE ON identities FOR EACH ROW EXECUTE FUNCTION retention_identity_changed();
  -- Every event updates its browser's last_seen: the WHEN spares those updates the function call.
  CREATE TRIGGER retention_identity_changed AFTER UPDATE OF phone, email ON identities FOR EACH ROW
    WHEN (OLD.phone IS DISTINCT FROM NEW.phone OR OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION retention_identity_changed();
  ${insertOrders('1 = 1')}`;

/** A step of the core schema (../db/schema.ts): the VIP campaign scores customers without this feature. */
export const retentionOrders = { sqlite, postgres };

/** No tables of its own beyond retention_orders, which the core schema keeps. */
export const retentionMigrations = { sqlite: [] as string[], postgres: [] as string[] };
