// CSV downloads: /app/export/{carts,orders,messages,surveys}.csv?store=&from=&to= (see ../csv.ts).
import type { FastifyInstance } from 'fastify';
import type { CollectorFeature, FeatureContext } from '../../feature.js';
import { toCsv } from '../csv.js';
import { parseRange } from '../range.js';
import { viewFor } from '../shell.js';
import { tablesOf } from '../queries/scope.js';
import { exportCarts, exportMessages, exportOrders, exportSurveys, type Export } from '../queries/exports.js';

export function registerExports(app: FastifyInstance, ctx: FeatureContext, features: CollectorFeature[]): void {
  const tables = tablesOf(features);
  const kinds: [string, boolean][] = [
    ['carts', true],
    ['orders', true],
    ['messages', tables.campaigns],
    ['surveys', tables.surveys],
  ];
  for (const [kind, available] of kinds) {
    if (!available) continue;
    app.get(`/app/export/${kind}.csv`, async (request, reply) => {
      if (!ctx.requireAdmin(request, reply)) return reply;
      const view = viewFor(ctx, features, request, reply, true);
      const range = parseRange(view.query, view.now, view.fmt.timeZone);
      const scope = { store: view.store, start: range.start, end: range.end };
      const abandonedBefore = new Date(view.now.getTime() - ctx.config.abandonedAfterMinutes * 60_000).toISOString();
      let data: Export;
      if (kind === 'carts') data = await exportCarts(ctx.db, tables, scope, abandonedBefore);
      else if (kind === 'orders') data = await exportOrders(ctx.db, tables, scope);
      else if (kind === 'messages') data = await exportMessages(ctx.db, tables, scope);
      else data = await exportSurveys(ctx.db, scope);
      const name = `homing-${kind}-${(view.store || 'all').replace(/[^\w-]/g, '_')}-${range.from}-${range.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(toCsv(data.header, data.rows));
    });
  }
}
