// CORS for browser-facing endpoints. A browser may read an answer only when its origin is in the
// write key's allowed origins. Before the key is known (a preflight, or a body too large or not
// JSON) the union of every key's origins applies, so the SDK can still see a 413 and split.
// Preflights allow the headers Segment's and RudderStack's SDKs send (PROTOCOL.md section 5).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CollectorConfig } from '../feature.js';
import { writeKeyConfig } from '../write-keys.js';

export const ALLOWED_HEADERS = 'Authorization, Content-Type, AnonymousId, SentAt';

export function originAllowed(origin: string, allowedOrigins: string[]): boolean {
  return allowedOrigins.includes('*') || allowedOrigins.includes(origin);
}

export function originAllowedByAnyKey(origin: string, config: CollectorConfig): boolean {
  // Only keys a request could use count: own entries, never a prototype name (see write-keys.ts).
  return Object.keys(config.writeKeys).some((name) => {
    const key = writeKeyConfig(config, name);
    return key !== undefined && originAllowed(origin, key.allowedOrigins);
  });
}

function allow(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
}

/** onRequest: the provisional answer (any key's origins). */
export function applyProvisionalCors(request: FastifyRequest, reply: FastifyReply, config: CollectorConfig): void {
  reply.header('vary', 'Origin');
  const origin = request.headers.origin;
  if (origin && originAllowedByAnyKey(origin, config)) allow(reply, origin);
}

/** Once the write key is known: narrow to its own origins. Returns false for a foreign origin. */
export function applyKeyCors(request: FastifyRequest, reply: FastifyReply, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser's cross-origin request (server-side sender, same origin)
  if (originAllowed(origin, allowedOrigins)) {
    allow(reply, origin);
    return true;
  }
  reply.removeHeader('access-control-allow-origin');
  reply.removeHeader('access-control-allow-credentials');
  return false;
}

export function answerPreflight(request: FastifyRequest, reply: FastifyReply, config: CollectorConfig): void {
  applyProvisionalCors(request, reply, config);
  reply
    .header('access-control-allow-methods', 'GET, POST, OPTIONS')
    .header('access-control-allow-headers', ALLOWED_HEADERS)
    .header('access-control-max-age', '600')
    .code(204)
    .send();
}
