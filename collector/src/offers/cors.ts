// Browser routes of the offers and surveys features are read cross-origin from the store's
// pages: the same CORS answer as /v1/batch (the app-wide provisional answer, then the write key's
// own origins). Requests are "simple" (GET, or POST text/plain), so no preflight is needed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureContext } from '../feature.js';
import { applyKeyCors } from '../ingest/cors.js';
import { writeKeyConfig } from '../write-keys.js';

/** False when the write key is unknown: a 401 has been sent. */
export function checkWriteKey(writeKey: unknown, request: FastifyRequest, reply: FastifyReply, ctx: FeatureContext): writeKey is string {
  const key = writeKeyConfig(ctx.config, writeKey);
  if (key) applyKeyCors(request, reply, key.allowedOrigins);
  else {
    // The same refusal as /v1/batch: an unknown key's answer is readable by no page.
    reply.removeHeader('access-control-allow-origin');
    reply.removeHeader('access-control-allow-credentials');
    reply.code(401).send({ error: 'unknown_write_key', message: `write key ${JSON.stringify(String(writeKey ?? ''))} is not configured on this collector` });
  }
  return key !== undefined;
}

/** Accepts a JSON object sent as text/plain (no preflight) or application/json. */
export function jsonBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}
