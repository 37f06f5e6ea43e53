// GET /v1/reports/retention?writeKey=&from=&to=  (admin) the retention report of one store.
import type { FastifyInstance } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { writeKeyConfig } from '../write-keys.js';
import { campaignsFromEnv, type StoreSettings } from '../campaigns/config.js';
import { storeSettings } from '../campaigns/stores.js';
import { DEFAULT_CHURN_DAYS, retentionReport } from './report.js';

export interface RetentionOptions {
  /** Store settings (churnDays); default: the campaigns configuration's stores (HOMING_CAMPAIGNS_FILE / HOMING_CAMPAIGNS). */
  stores?: Record<string, StoreSettings>;
}

const DAY_MS = 86_400_000;
const MAX_RANGE_YEARS = 10;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (YYYY-MM-DD, UTC) or a date and time with a zone; `end` makes a plain date include its whole day. */
function parseTime(text: unknown, end: boolean): Date | undefined {
  if (typeof text !== 'string') return undefined;
  if (DATE.test(text)) {
    const day = Date.parse(`${text}T00:00:00.000Z`);
    return Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== text ? undefined : new Date(day + (end ? DAY_MS : 0));
  }
  if (!DATE_TIME.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export function registerRetentionRoutes(app: FastifyInstance, ctx: FeatureContext, options: RetentionOptions): void {
  let fromEnv: Record<string, StoreSettings> | undefined;
  const stores = () => {
    if (options.stores) return options.stores;
    // A broken campaigns configuration is the campaigns feature's to report; here it only means no churnDays.
    try {
      fromEnv ??= campaignsFromEnv(ctx.config).stores;
    } catch {
      fromEnv = {};
    }
    return fromEnv;
  };

  app.get('/v1/reports/retention', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const query = request.query as Record<string, unknown>;
    const writeKey = query.writeKey;
    if (typeof writeKey !== 'string' || !writeKey) return reply.code(400).send({ error: 'writeKey is required (the store to report on)' });
    if (!writeKeyConfig(ctx.config, writeKey)) return reply.code(400).send({ error: 'writeKey is not a store of this collector' });
    const to = query.to === undefined ? ctx.now() : parseTime(query.to, true);
    if (!to) return reply.code(400).send({ error: 'to must be a date like 2026-11-30 (the whole day counts) or a date and time like 2026-11-30T12:00:00Z' });
    const from = query.from === undefined ? new Date(to.getTime() - 365 * DAY_MS) : parseTime(query.from, false);
    if (!from) return reply.code(400).send({ error: 'from must be a date like 2026-01-01 or a date and time like 2026-01-01T00:00:00Z' });
    if (from.getTime() >= to.getTime()) return reply.code(400).send({ error: 'from must be before to' });
    // Cohorts grow with the square of the months: a range of centuries would be an answer of millions of numbers.
    if (to.getTime() - from.getTime() > MAX_RANGE_YEARS * 366 * DAY_MS) return reply.code(400).send({ error: `the range from-to must be at most ${MAX_RANGE_YEARS} years` });
    const churnDays = storeSettings({ stores: stores() }, writeKey).churnDays ?? DEFAULT_CHURN_DAYS;
    return retentionReport(ctx.db, writeKey, { from, to }, churnDays);
  });
}
