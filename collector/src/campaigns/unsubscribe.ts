// One-click unsubscribe from campaign e-mails (RFC 8058). Every e-mail carries its own signed URL
// (./unsubscribe-token.ts) in List-Unsubscribe and in its footer:
//   POST /u/{token}   the mail client's one-click (body "List-Unsubscribe=One-Click"), or the button
//                     below: the address is opted out of this store's e-mails at once
//   GET  /u/{token}   a page with that button; a GET never opts out (mail scanners follow links)
// The opt-out is the address's: the shopper's texts are left alone (an SMS is stopped by a STOP reply).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { escapeHtml } from '../html.js';
import { readUnsubscribeToken, type Unsubscribe } from './unsubscribe-token.js';

const page = (reply: FastifyReply, status: number, title: string, inner = '') =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1 style="font-size:1.3rem">${escapeHtml(title)}</h1>${inner}</body></html>`);

export async function optOutAddress(ctx: FeatureContext, u: Unsubscribe): Promise<number> {
  const now = ctx.now().toISOString();
  await ctx.db.run(
    `INSERT INTO campaigns_optouts (write_key, phone, opted_out_at, keyword, last_outbox_id) VALUES ($1, $2, $3, 'email unsubscribe', $4)
     ON CONFLICT (write_key, phone) DO NOTHING`,
    [u.writeKey, u.address, now, u.outboxId],
  );
  const { changes } = await ctx.db.run(
    `UPDATE campaigns_outbox SET state = 'cancelled', error = 'opted out', finished_at = $1 WHERE write_key = $2 AND phone = $3 AND channel = 'email' AND state = 'pending'`,
    [now, u.writeKey, u.address],
  );
  return changes;
}

export function registerUnsubscribe(app: FastifyInstance, ctx: FeatureContext): void {
  const invalid = (reply: FastifyReply) => page(reply, 404, 'This unsubscribe link is not valid', '<p>Use the link of the latest e-mail you received.</p>');
  app.register(async (scope) => {
    // The one-click POST is a form (urlencoded or multipart) whose content does not matter: read as text, then ignored.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    scope.post('/u/:token', async (request, reply) => {
      const u = readUnsubscribeToken(ctx.config, (request.params as { token: string }).token);
      if (!u) return invalid(reply);
      await optOutAddress(ctx, u);
      return page(reply, 200, 'You are unsubscribed', '<p>You will get no more of these e-mails.</p>');
    });
    scope.get('/u/:token', async (request, reply) => {
      const token = (request.params as { token: string }).token;
      if (!readUnsubscribeToken(ctx.config, token)) return invalid(reply);
      return page(
        reply,
        200,
        'Unsubscribe from these e-mails?',
        `<form method="post" action=""><button type="submit" style="font-size:1rem;padding:.5rem 1rem">Unsubscribe</button></form>`,
      );
    });
  });
}
