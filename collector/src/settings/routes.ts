// The settings API (admin only, JSON only, no CORS: see ../admin.ts and ../browser-routes.ts):
//   GET  /v1/settings                          everything, secrets shown as {"set": true}
//   PUT  /v1/settings/general                  the whole general document
//   PUT  /v1/settings/campaigns/{name}         the whole campaign (enabled, steps, sendDays, sendWindow)
//   PUT  /v1/settings/stores/{writeKey}        the store's settings and allowedOrigins
//   POST /v1/settings/stores                   a new store with a new write key (201)
//   DELETE /v1/settings/stores/{writeKey}      the store and its write key
//   GET  /v1/settings/audit?limit=&scope=      changes, newest first
//   POST /v1/settings/audit/{id}/revert        puts back what that change replaced
// A change is checked whole (400 with every problem, nothing changed), stored with its audit entry,
// and applied at once (see ./live.ts).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { CAMPAIGNS, type CampaignName } from '../campaigns/config.js';
import { campaignScope, GENERAL, stableJson, storeScope, usableWriteKey, writeKeyOf, type Document } from './documents.js';
import type { LiveSettings } from './live.js';
import { auditEntries, auditEntry, withSettingsLock, writeScope, type AuditEntry } from './scopes.js';
import { hideSecrets, withKeptSecrets } from './secrets.js';
import { campaignDocumentProblems, generalDocumentProblems, normalizedStore, storeDocumentProblems } from './validate.js';

/** Who made a change, for the audit: the admin token and the session cookie are one admin. */
const ADMIN_WHO = 'admin';
const campaignNames = new Set<string>(CAMPAIGNS);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

export const newWriteKey = () => `wk_${randomBytes(18).toString('base64url')}`;

function shown(entry: AuditEntry) {
  return { ...entry, before: hideSecrets(entry.before), after: hideSecrets(entry.after) };
}

export function registerSettingsRoutes(app: FastifyInstance, ctx: FeatureContext, live: LiveSettings): void {
  const invalid = (reply: FastifyReply, problems: string[]) => reply.code(400).send({ error: 'the settings have problems; nothing was changed', problems });
  const stored = (scope: string) => (live.documents.has(scope) ? live.documents.get(scope)! : undefined);

  async function save(scope: string, document: Document | null, who = ADMIN_WHO): Promise<void> {
    await withSettingsLock(ctx.db, (tx) => writeScope(tx, { scope, document, who, at: ctx.now() }));
    await live.reload();
  }

  function storesView() {
    const stores: Record<string, unknown> = {};
    for (const [scope, document] of live.documents) {
      const key = writeKeyOf(scope);
      if (key !== undefined && usableWriteKey(key)) Object.defineProperty(stores, key, { value: hideSecrets(document), enumerable: true });
    }
    return stores;
  }

  app.get('/v1/settings', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    await live.refresh();
    return {
      version: live.version,
      general: hideSecrets(stored(GENERAL) ?? null),
      campaigns: Object.fromEntries(CAMPAIGNS.map((name) => [name, hideSecrets(stored(campaignScope(name)) ?? null)])),
      stores: storesView(),
    };
  });

  app.put('/v1/settings/general', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    await live.refresh();
    const body = request.body;
    const current = (stored(GENERAL) ?? {}) as Record<string, unknown>;
    let document = body;
    if (isObject(body)) {
      const provider = isObject(body.provider) && isObject(current.provider) && body.provider.provider === current.provider.provider ? current.provider : {};
      document = { ...body, ...(body.provider === undefined ? {} : { provider: withKeptSecrets(body.provider, provider) }) };
    }
    const problems = generalDocumentProblems(document);
    if (problems.length) return invalid(reply, problems);
    await save(GENERAL, document as Document);
    return hideSecrets(stored(GENERAL));
  });

  app.put<{ Params: { name: string } }>('/v1/settings/campaigns/:name', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const name = request.params.name;
    if (!campaignNames.has(name)) return reply.code(404).send({ error: `unknown campaign "${name}" (${CAMPAIGNS.join(', ')})` });
    const problems = campaignDocumentProblems(name as CampaignName, request.body);
    if (problems.length) return invalid(reply, problems);
    await save(campaignScope(name as CampaignName), request.body as Document);
    return hideSecrets(stored(campaignScope(name as CampaignName)));
  });

  app.put<{ Params: { writeKey: string } }>('/v1/settings/stores/:writeKey', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    await live.refresh();
    const writeKey = request.params.writeKey;
    const current = usableWriteKey(writeKey) ? stored(storeScope(writeKey)) : undefined;
    if (!current) return reply.code(404).send({ error: 'unknown store: no store has this write key' });
    // The creation's answer sent back as it was names its own write key: not a field of the document.
    const { writeKey: named, ...rest } = isObject(request.body) ? request.body : { writeKey: undefined };
    const body = isObject(request.body) && named === writeKey ? rest : request.body;
    const document = isObject(body) ? normalizedStore(withKeptSecrets(body, current) as Record<string, unknown>) : body;
    const problems = storeDocumentProblems(writeKey, document);
    if (problems.length) return invalid(reply, problems);
    await save(storeScope(writeKey), document as Document);
    return hideSecrets(stored(storeScope(writeKey)));
  });

  app.post('/v1/settings/stores', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const body = request.body;
    const writeKey = newWriteKey();
    const document = isObject(body) ? normalizedStore(withKeptSecrets({ allowedOrigins: [], ...body }, {}) as Record<string, unknown>) : body;
    const problems = storeDocumentProblems(writeKey, document).map((p) => p.replace(`stores.${writeKey}`, 'store'));
    if (problems.length) return invalid(reply, problems);
    await save(storeScope(writeKey), document as Document);
    return reply.code(201).send({ writeKey, ...hideSecrets(stored(storeScope(writeKey))) });
  });

  app.delete<{ Params: { writeKey: string } }>('/v1/settings/stores/:writeKey', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    await live.refresh();
    const writeKey = request.params.writeKey;
    if (!usableWriteKey(writeKey) || !stored(storeScope(writeKey))) return reply.code(404).send({ error: 'unknown store: no store has this write key' });
    await save(storeScope(writeKey), null);
    return { writeKey, deleted: true };
  });

  app.get('/v1/settings/audit', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const query = request.query as Record<string, string | undefined>;
    const limit = Math.min(500, Math.max(1, Math.floor(Number(query.limit ?? 100)) || 100));
    const entries = await auditEntries(ctx.db, limit, typeof query.scope === 'string' && query.scope ? query.scope : undefined);
    return entries.map(shown);
  });

  // Reverting applies the entry's `before` as a new change, only while the scope still holds what
  // that entry made: reverting over a later change would silently undo it too (409; revert the later one first).
  app.post<{ Params: { id: string } }>('/v1/settings/audit/:id/revert', async (request, reply) => {
    if (!ctx.requireAdmin(request, reply)) return reply;
    const id = Number(request.params.id);
    const entry = Number.isSafeInteger(id) && id > 0 ? await auditEntry(ctx.db, id) : undefined;
    if (!entry) return reply.code(404).send({ error: 'no such change' });
    await live.refresh();
    const current = live.documents.get(entry.scope) ?? null;
    if (stableJson(current) !== stableJson(entry.after)) {
      return reply.code(409).send({ error: `${entry.scope} has changed since this change; revert the later changes first (newest first)` });
    }
    if (entry.before === null && writeKeyOf(entry.scope) === undefined) {
      return reply.code(409).send({ error: `this change gave ${entry.scope} its first value; there is nothing before it to put back` });
    }
    const problems = revertProblems(entry);
    if (problems.length) return invalid(reply, problems);
    await save(entry.scope, entry.before);
    const after = live.documents.get(entry.scope) ?? null;
    return { scope: entry.scope, reverted: entry.id, document: hideSecrets(after) };
  });
}

/** What was valid then is checked again with today's rules. */
function revertProblems(entry: AuditEntry): string[] {
  if (entry.before === null) return [];
  if (entry.scope === GENERAL) return generalDocumentProblems(entry.before);
  const key = writeKeyOf(entry.scope);
  if (key !== undefined) return storeDocumentProblems(key, entry.before);
  const name = entry.scope.slice('campaign:'.length);
  return campaignNames.has(name) ? campaignDocumentProblems(name as CampaignName, entry.before) : [`unknown scope ${entry.scope}`];
}
