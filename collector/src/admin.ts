// Admin authentication. Admin routes are no browser API for other sites: they answer no CORS and
// read no text/plain or form bodies (see browser-routes.ts), and a browser proves itself only
// with the session cookie. A page of another site, even on a sibling subdomain (same site, so
// SameSite=Strict does not stop the cookie), can use that cookie only in a "simple" request,
// which cannot carry `Content-Type: application/json` without a preflight that gets no grant:
// requiring it on every state-changing request made with the cookie shuts out cross-site forms,
// fetches and beacons, bodiless ones included.
//
// Credentials: `Authorization: Bearer <admin token>`, or the `homing_admin` session cookie. The
// cookie holds an expiring session signed with a key derived from the signing secret and bound
// to the admin token, never the token itself. It is set by the login form (login.ts) or by a
// link carrying `?token=`, which is exchanged at once for the cookie and redirected (303) to
// the same URL without the token. Signing out clears it in the browser and ends the session on
// the server (admin-revocations.ts), so a copy of the cookie stops working too. A client that
// gives a wrong token too often is refused for a while (admin-attempts.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CollectorConfig } from './feature.js';
import { derivedKey } from './secret.js';
import type { Revocations } from './admin-revocations.js';
import { createAdminAttempts } from './admin-attempts.js';
import { clientKey } from './ingest/rate-limit.js';

export const ADMIN_COOKIE = 'homing_admin';
export const LOGIN_PATH = '/login';
const SESSION_SECONDS = 7 * 24 * 3600;

export interface AdminAuth {
  /** False when the request is not an admin's: a 401, 415 or redirect has been sent. */
  requireAdmin(request: FastifyRequest, reply: FastifyReply): boolean;
  /** Checks a token a client typed or sent; a wrong one counts against that client. */
  tokenMatches(token: unknown, request: FastifyRequest): boolean;
  /** Seconds this client must wait after too many wrong tokens, or 0. */
  blockedFor(request: FastifyRequest): number;
  startSession(request: FastifyRequest, reply: FastifyReply): void;
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

function same(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The raw value of one cookie; nothing is decoded, so no cookie can make parsing throw. */
function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isJson = (request: FastifyRequest) => /^application\/json\s*(;|$)/i.test(String(request.headers['content-type'] ?? ''));

/** A browser navigating to a page (gets the login form) rather than an API client (gets 401 JSON). */
function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/v1/') && String(request.headers.accept ?? '').includes('text/html');
}

/** A request another page's image, script or fetch made (the browser says so), not a navigation. */
function crossSiteSubresource(request: FastifyRequest): boolean {
  const mode = request.headers['sec-fetch-mode'];
  const site = request.headers['sec-fetch-site'];
  return typeof mode === 'string' && mode !== 'navigate' && typeof site === 'string' && site !== 'same-origin' && site !== 'none';
}

/** The request's own path and query without `token` (and never a `//host` that would leave the site). */
function withoutToken(url: string): string {
  const [path, query = ''] = url.split(/\?(.*)/s, 2);
  const params = new URLSearchParams(query);
  params.delete('token');
  const rest = params.toString();
  return `/${path.replace(/^[/\\]+/, '')}${rest ? `?${rest}` : ''}`;
}

export function createAdminAuth(config: Pick<CollectorConfig, 'adminToken' | 'secret' | 'publicUrl'>, now: () => Date, revocations: Revocations): AdminAuth {
  const sessionKey = derivedKey(config, 'admin session');
  const sessionMac = (expires: string, id: string) => createHmac('sha256', sessionKey).update(`${config.adminToken}\n${expires}\n${id}`).digest('base64url');
  const attempts = createAdminAttempts(now);

  // A client is its address, or its /64 for IPv6 (what one connection is given): otherwise each
  // new address of the attacker's own network would bring ten more guesses.
  const blockedFor = (request: FastifyRequest) => attempts.blockedFor(clientKey(request.ip));
  function tokenMatches(token: unknown, request: FastifyRequest): boolean {
    if (config.adminToken && typeof token === 'string' && same(token, config.adminToken)) return true;
    attempts.failed(clientKey(request.ip));
    return false;
  }

  /** The session's id and expiry when the cookie is a live session of ours. */
  function session(value: string | undefined): { id: string; expires: number } | undefined {
    if (!config.adminToken || !value) return undefined;
    const [expires, id, mac, extra] = value.split('.');
    const at = parseInt(expires ?? '', 36);
    if (!expires || !id || !mac || extra !== undefined || !(at > now().getTime())) return undefined;
    if (!same(mac, sessionMac(expires, id)) || revocations.isRevoked(id)) return undefined;
    return { id, expires: at };
  }

  // Secure when browsers reach the collector over https (directly, or per the public URL behind a proxy).
  const cookie = (request: FastifyRequest, value: string, maxAge: number) =>
    `${ADMIN_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${request.protocol === 'https' || config.publicUrl.startsWith('https:') ? '; Secure' : ''}`;

  function startSession(request: FastifyRequest, reply: FastifyReply): void {
    const expires = (now().getTime() + SESSION_SECONDS * 1000).toString(36);
    const id = randomBytes(16).toString('base64url');
    reply.header('set-cookie', cookie(request, `${expires}.${id}.${sessionMac(expires, id)}`, SESSION_SECONDS));
  }

  async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ended = session(cookieValue(request, ADMIN_COOKIE));
    if (ended) await revocations.revoke(ended.id, new Date(ended.expires));
    reply.header('set-cookie', cookie(request, '', 0));
  }

  function tooMany(request: FastifyRequest, reply: FastifyReply, seconds: number): false {
    reply.code(429).header('retry-after', String(seconds)).send({ error: 'too_many_attempts', message: `too many wrong admin tokens from this address; try again in ${Math.ceil(seconds / 60)} minute(s)` });
    return false;
  }

  function refuse(request: FastifyRequest, reply: FastifyReply): false {
    if (wantsPage(request)) {
      // Back to the app page asked for once signed in (login-page.ts accepts only /app paths).
      const next = withoutToken(request.url);
      reply.header('cache-control', 'no-store').redirect(next.startsWith('/app') ? `${LOGIN_PATH}?next=${encodeURIComponent(next)}` : LOGIN_PATH, 303);
      return false;
    }
    reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="homing"')
      .send({ error: config.adminToken ? 'admin token required (Authorization: Bearer <token>, or sign in at /login)' : 'no admin token is configured' });
    return false;
  }

  function requireAdmin(request: FastifyRequest, reply: FastifyReply): boolean {
    // Belt and braces: whatever a hook added, an admin answer is readable by no other site.
    reply.removeHeader('access-control-allow-origin');
    reply.removeHeader('access-control-allow-credentials');

    const queryToken = (request.query as Record<string, unknown> | undefined)?.token;
    const header = request.headers.authorization;
    const blocked = queryToken !== undefined || header !== undefined ? blockedFor(request) : 0;
    if (blocked) return tooMany(request, reply, blocked);
    if (queryToken !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
      // Only a navigation brings a token link: an image or script of another page loading one with
      // wrong tokens would count them against the owner's own address and lock the owner out.
      if (crossSiteSubresource(request)) return refuse(request, reply);
      // A link with the token: swap it for the cookie, and take it out of the address bar and history.
      if (!tokenMatches(queryToken, request)) return refuse(request, reply);
      startSession(request, reply);
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(withoutToken(request.url), 303);
      return false;
    }

    const from = header !== undefined ? (/^Bearer /i.test(header) && tokenMatches(header.slice(7).trim(), request) ? 'header' : undefined) : session(cookieValue(request, ADMIN_COOKIE)) ? 'cookie' : undefined;
    if (!from) return refuse(request, reply);

    // (text/plain and form bodies never reach an admin route: see browser-routes.ts.)
    if (from === 'cookie' && !SAFE_METHODS.has(request.method) && !isJson(request)) {
      reply.code(415).send({ error: 'admin requests that change something must be sent as application/json' });
      return false;
    }
    return true;
  }

  return { requireAdmin, tokenMatches, blockedFor, startSession, endSession };
}
