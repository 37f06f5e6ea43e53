// The seam between the collector's core and its features (offers, campaigns, ...): a feature
// gets the database, the configuration and a clock through a `FeatureContext`, owns its own
// tables (prefixed with its name), and may add routes, react to stored events and add a summary
// to /v1/reports/summary. The core owns `events`, `identities`, `carts` and `orders`.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * One seam over better-sqlite3 and pg. Placeholders are `$1, $2, ...` in both dialects.
 * Values read back are plain: numbers for integer and real columns (also PostgreSQL's bigint
 * and numeric, parsed as numbers), strings for text; timestamps are ISO 8601 strings in text
 * columns and JSON objects are JSON text, so the same query gives the same rows in both.
 */
export interface Sql {
  dialect: 'sqlite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * A read that takes long (a report over every order) without holding the store's connection:
   * on a SQLite file, another read-only connection in a worker thread, so ingest goes on. Absent
   * where `query` already does not block (PostgreSQL's pool); `readLong` picks.
   */
  readInBackground?<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** `readInBackground` where the store has it, else `query`. */
export const readLong = <T = Record<string, unknown>>(db: Sql, sql: string, params?: unknown[]): Promise<T[]> =>
  db.readInBackground ? db.readInBackground<T>(sql, params) : db.query<T>(sql, params);

/** A write key and the browser origins allowed to send with it and read the answers. */
export interface WriteKeyConfig {
  /** Exact origins such as `https://shop.example`; `*` allows any origin. */
  allowedOrigins: string[];
}

/** Parsed flags and environment (see config.ts). */
export interface CollectorConfig {
  port: number;
  host: string;
  /** `sqlite:./path.db` (default), `sqlite::memory:`, or `postgres://user:pass@host/db[?schema=name]`. */
  databaseUrl: string;
  writeKeys: Record<string, WriteKeyConfig>;
  /** Bearer token for admin endpoints and the dashboard. */
  adminToken: string;
  /**
   * Signs offer tokens, survey links and admin sessions: HOMING_SECRET, or generated once and kept
   * in the database. Filled in by createCollector at start (see secret.ts).
   */
  secret: string;
  /** Where this collector is reachable from browsers, e.g. https://collect.example.com. */
  publicUrl: string;
  /** Events per second accepted per write key (token bucket, burst of 10 s); 0 = unlimited. */
  rateLimitPerSecond: number;
  /** Events per second accepted per client IP (same bucket shape), so one client cannot spend a store's budget; 0 = unlimited. */
  clientRateLimitPerSecond: number;
  /** Fastify's trustProxy: whom to believe in X-Forwarded-For when reading the client's IP. */
  trustProxy: boolean | number | string;
  /** Open connections at most; more are refused at once. 0 = no cap. */
  maxConnections: number;
  /** Time a client has to send a whole request, headers and body (slow senders are cut off with 408). */
  requestTimeoutSeconds: number;
  /** Default idle time before a cart counts as abandoned. */
  abandonedAfterMinutes: number;
  /** Region used to read phone numbers written without a country code (ISO 3166 alpha-2), if any. */
  defaultCountry?: string;
  /** The raw environment, so a feature can read its own settings (HOMING_<FEATURE>_...). */
  env: Record<string, string | undefined>;
}

export interface FeatureContext {
  db: Sql;
  config: CollectorConfig;
  /** Injectable clock: tests move time. */
  now(): Date;
  log: FastifyBaseLogger;
  /**
   * False when the request is not an admin's: a 401 (or, for a browser, a redirect to /login) has
   * been sent, or a 415 for a state-changing request on the session cookie that is not application/json.
   */
  requireAdmin(request: FastifyRequest, reply: FastifyReply): boolean;
}

/** An accepted, non-duplicate event after clock-skew correction. */
export interface StoredEvent {
  writeKey: string;
  messageId: string;
  type: 'track' | 'identify' | 'page';
  event?: string;
  anonymousId?: string;
  userId?: string | null;
  timestamp: string;
  receivedAt: string;
  properties?: Record<string, any>;
  traits?: Record<string, any>;
  context?: Record<string, any>;
}

export interface CollectorFeature {
  /** e.g. 'offers', 'campaigns'; also the prefix of the feature's tables. */
  name: string;
  /** Applied once each, in order, tracked per feature (table `homing_migrations`). */
  migrations: { sqlite: string[]; postgres: string[] };
  routes?(app: FastifyInstance, ctx: FeatureContext): void | Promise<void>;
  /** Called after the events are stored (and the core state updated). */
  onEvents?(events: StoredEvent[], ctx: FeatureContext): Promise<void>;
  /** summary: under the feature's name in /v1/reports/summary. */
  report?(ctx: FeatureContext): Promise<{ summary: unknown }>;
}
