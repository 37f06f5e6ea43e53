// Blacklist endpoints (admin, JSON bodies only; see ../admin.ts):
//   GET    /v1/campaigns/blacklist?writeKey=          {entries: [{writeKey, phone, kind: blacklist|opt-out, since, keyword?}]}
//   POST   /v1/campaigns/blacklist                    {writeKey?, phone} → never message this phone
//   DELETE /v1/campaigns/blacklist                    {writeKey?, phone} → message it again (opt-outs stay)
//   POST   /v1/campaigns/blacklist/import             {writeKey?, csv} → {added, alreadyListed, problems: [{line, value, error}]}
//   GET    /v1/campaigns/blacklist/export?writeKey=   CSV: phone,writeKey,kind,since,keyword
// writeKey names a configured store, or "*" (the default) for every store.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { toE164 } from '../ingest/phone.js';
import { addToBlacklist, blacklistKey, importBlacklist, listBlocked, PHONE_PROBLEM, removeFromBlacklist } from './blacklist.js';
import { toCsv } from '../app/csv.js';
import { recordChange } from '../settings/record-change.js';

type Body = { writeKey?: unknown; phone?: unknown; csv?: unknown };
const bodyOf = (body: unknown): Body => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {});

export function registerBlacklistRoutes(app: FastifyInstance, ctx: FeatureContext): void {
  const storeOf = (value: unknown, reply: FastifyReply): string | undefined => {
    const key = blacklistKey(ctx, value);
    if (!key) reply.code(400).send({ error: 'writeKey must be a write key of this collector, or "*" for every store' });
    return key;
  };
  const phoneOf = (value: unknown, reply: FastifyReply): string | undefined => {
    const phone = typeof value === 'string' ? toE164(value, ctx.config.defaultCountry) : null;
    if (!phone) reply.code(400).send({ error: `phone: ${PHONE_PROBLEM}` });
    return phone ?? undefined;
  };

  app.get('/v1/campaigns/blacklist', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const writeKey = storeOf((request.query as Record<string, unknown>).writeKey, reply);
    if (!writeKey) return reply;
    return { entries: await listBlocked(ctx, writeKey) };
  });

  app.post('/v1/campaigns/blacklist', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const body = bodyOf(request.body);
    const writeKey = storeOf(body.writeKey, reply);
    const phone = writeKey && phoneOf(body.phone, reply);
    if (!writeKey || !phone) return reply;
    const { added, cancelled } = await addToBlacklist(ctx, writeKey, phone);
    if (added) await recordChange(ctx, `blacklist:${writeKey}`, null, { phone });
    return { writeKey, phone, cancelled };
  });

  app.delete('/v1/campaigns/blacklist', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const body = bodyOf(request.body);
    const writeKey = storeOf(body.writeKey, reply);
    const phone = writeKey && phoneOf(body.phone, reply);
    if (!writeKey || !phone) return reply;
    if (!(await removeFromBlacklist(ctx, writeKey, phone))) return reply.code(404).send({ error: `${phone} is not on the blacklist of ${writeKey}` });
    await recordChange(ctx, `blacklist:${writeKey}`, { phone }, null);
    return { writeKey, phone, removed: true };
  });

  app.post('/v1/campaigns/blacklist/import', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const body = bodyOf(request.body);
    const writeKey = storeOf(body.writeKey, reply);
    if (!writeKey) return reply;
    if (typeof body.csv !== 'string') return reply.code(400).send({ error: 'body must be {"writeKey": "...", "csv": "phone\\n+989121234567\\n..."}' });
    const outcome = await importBlacklist(ctx, body.csv, writeKey);
    if (outcome.added) await recordChange(ctx, `blacklist:${writeKey}`, null, { imported: outcome.added });
    return outcome;
  });

  app.get('/v1/campaigns/blacklist/export', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const writeKey = storeOf((request.query as Record<string, unknown>).writeKey, reply);
    if (!writeKey) return reply;
    const entries = await listBlocked(ctx, writeKey);
    const csv = toCsv(['phone', 'writeKey', 'kind', 'since', 'keyword'], entries.map((e) => [e.phone, e.writeKey, e.kind, e.since, e.keyword ?? '']));
    const name = `blacklist-${writeKey === '*' ? 'all' : writeKey.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(csv);
  });
}
