// The links feature: `GET /r/{code}` counts the click and redirects to the stored target (the
// restored cart with its discount, a survey, a product). Links are created by campaigns
// (see ./store.ts `createShortLink`). A link leads only to the store's configured URL or this
// collector's survey pages (./on-store.ts), checked again at every click.
import type { CollectorFeature } from '../feature.js';
import { linksMigrations } from './migrations.js';
import { linkTargetAllowed } from './on-store.js';
import { followLink } from './store.js';

export function linksFeature(): CollectorFeature {
  return {
    name: 'links',
    migrations: linksMigrations,
    routes(app, ctx) {
      app.get<{ Params: { code: string } }>('/r/:code', { config: { shopper: true } }, async (request, reply) => {
        const code = request.params.code;
        if (!/^[A-Za-z0-9]{4,32}$/.test(code)) return reply.code(404).type('text/plain; charset=utf-8').send('unknown link');
        const target = await followLink(ctx.db, code, ctx.now(), request.headers['user-agent'], (writeKey, url) => linkTargetAllowed(ctx, writeKey, url));
        if (target === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('unknown link');
        if (target === null) return reply.code(410).type('text/plain; charset=utf-8').send("this link no longer leads to the store's site");
        // 302 (not 301): browsers must come back so every click is counted. The URL sent is the one
        // checked, as parsed (control characters gone, everything encoded), not the stored text.
        return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(new URL(target).href, 302);
      });
    },
  };
}
