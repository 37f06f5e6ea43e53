// The app's sign-in: GET /login shows a form where the admin token is typed once (in the owner's
// language, app/login-page.ts); POST /login sets the session cookie (admin.ts) and goes back to
// the app page that asked for it; POST /logout clears it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdminAuth } from './admin.js';
import { LOGIN_PATH } from './admin.js';
import { safeNext, sendLoginPage } from './app/login-page.js';

export function registerLogin(app: FastifyInstance, auth: AdminAuth, adminToken: string): void {
  // Own scope: a real form parser here only (ingest reads form-typed bodies as JSON elsewhere).
  app.register(async (scope) => {
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.get(LOGIN_PATH, async (request, reply) => sendLoginPage(request, reply, adminToken ? 200 : 503, adminToken ? undefined : 'login.closed'));

    scope.post(LOGIN_PATH, async (request, reply) => {
      if (!adminToken) return sendLoginPage(request, reply, 503, 'login.closed');
      // Wrong tokens posted by another site's page from the owner's browser would count against the
      // owner's own address and lock them out: refused before the token is looked at.
      if (fromAnotherSite(request)) return reply.code(403).send({ error: 'cross_site', message: 'sign in from the sign-in page itself' });
      const blocked = auth.blockedFor(request);
      if (blocked) return sendLoginPage(request, reply.header('retry-after', String(blocked)), 429, 'login.tooMany');
      const body = request.body as Record<string, unknown> | undefined;
      if (!auth.tokenMatches(typeof body?.token === 'string' ? body.token.trim() : body?.token, request)) return sendLoginPage(request, reply, 401, 'login.wrong');
      auth.startSession(request, reply);
      return reply.header('cache-control', 'no-store').redirect(safeNext(body?.next), 303);
    });

    scope.post('/logout', async (request, reply) => {
      // A form on another site (a sibling subdomain sends the SameSite=Strict cookie too) must not
      // sign the owner out: browsers say where a form post came from.
      if (fromAnotherSite(request)) return reply.code(403).send({ error: 'cross_site', message: 'sign out from the app itself' });
      await auth.endSession(request, reply);
      return reply.header('cache-control', 'no-store').redirect(LOGIN_PATH, 303);
    });
  });
}

/** True when the browser says the request came from a page of another origin. */
function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}
