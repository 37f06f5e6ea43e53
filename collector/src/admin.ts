// Admin authentication: `Authorization: Bearer <token>`, or, so that a browser can open the
// dashboard from a link, `?token=` (then remembered in an HttpOnly cookie) or that cookie.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const ADMIN_COOKIE = 'homing_admin';

function sameToken(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function presentedToken(request: FastifyRequest): { token?: string; from?: 'header' | 'query' | 'cookie' } {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), from: 'header' };
  const query = (request.query as Record<string, unknown> | undefined)?.token;
  if (typeof query === 'string' && query) return { token: query, from: 'query' };
  const cookie = request.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === ADMIN_COOKIE)?.[1];
  if (cookie) return { token: decodeURIComponent(cookie), from: 'cookie' };
  return {};
}

export function createRequireAdmin(adminToken: string) {
  return function requireAdmin(request: FastifyRequest, reply: FastifyReply): boolean {
    const { token, from } = presentedToken(request);
    if (!adminToken || !token || !sameToken(token, adminToken)) {
      reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="homing"')
        .send({ error: adminToken ? 'admin token required (Authorization: Bearer <token>)' : 'no admin token is configured' });
      return false;
    }
    if (from === 'query') {
      reply.header('set-cookie', `${ADMIN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    return true;
  };
}
