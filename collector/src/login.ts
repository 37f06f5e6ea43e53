// The dashboard's sign-in: GET /login shows a form where the admin token is typed once; POST
// /login sets the session cookie (admin.ts) and redirects to /dashboard; POST /logout clears it.
// Server-rendered, no script, the same Content-Security-Policy as the dashboard.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdminAuth } from './admin.js';
import { LOGIN_PATH } from './admin.js';
import { escapeHtml as e } from './html.js';

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const texts = {
  title: 'Homing: sign in',
  heading: 'Sign in to the Homing dashboard',
  label: 'Admin token',
  submit: 'Sign in',
  wrong: 'This is not the admin token.',
  tooMany: 'Too many wrong tokens from this address. Try again in {minutes} minute(s).',
  closed: 'No admin token is configured on this collector (HOMING_ADMIN_TOKEN): the dashboard stays closed.',
};

function loginPage(message?: string): string {
  return `<!doctype html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${e(texts.title)}</title>
<style>body{font:15px/1.4 system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#1d2433}
label,input,button{display:block;width:100%;box-sizing:border-box}input{font:16px monospace;padding:.5rem;margin:.25rem 0 1rem}
button{padding:.5rem;font:inherit}.error{color:#a40000}</style></head>
<body><h1>${e(texts.heading)}</h1>
${message ? `<p class="error" role="alert">${e(message)}</p>` : ''}
<form method="post" action="${LOGIN_PATH}"><label for="token">${e(texts.label)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${e(texts.submit)}</button></form></body></html>`;
}

const sendPage = (reply: FastifyReply, status: number, html: string) =>
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(html);

export function registerLogin(app: FastifyInstance, auth: AdminAuth, adminToken: string): void {
  // Own scope: a real form parser here only (ingest reads form-typed bodies as JSON elsewhere).
  app.register(async (scope) => {
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.get(LOGIN_PATH, async (_request, reply) => sendPage(reply, adminToken ? 200 : 503, loginPage(adminToken ? undefined : texts.closed)));

    scope.post(LOGIN_PATH, async (request, reply) => {
      if (!adminToken) return sendPage(reply, 503, loginPage(texts.closed));
      const blocked = auth.blockedFor(request);
      if (blocked) return sendPage(reply.header('retry-after', String(blocked)), 429, loginPage(texts.tooMany.replace('{minutes}', String(Math.ceil(blocked / 60)))));
      const token = (request.body as Record<string, unknown> | undefined)?.token;
      if (!auth.tokenMatches(typeof token === 'string' ? token.trim() : token, request)) return sendPage(reply, 401, loginPage(texts.wrong));
      auth.startSession(request, reply);
      return reply.header('cache-control', 'no-store').redirect('/dashboard', 303);
    });

    scope.post('/logout', async (request, reply) => {
      // A form on another site (a sibling subdomain sends the SameSite=Strict cookie too) must not
      // sign the owner out: browsers say where a form post came from.
      if (fromAnotherSite(request)) return reply.code(403).send({ error: 'cross_site', message: 'sign out from the dashboard itself' });
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
