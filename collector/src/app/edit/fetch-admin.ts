// The editing pages render what the admin API answers, asked on the owner's behalf with the
// owner's own credentials (their session cookie or Authorization header, forwarded in-process):
// a page shows exactly what the API would show them, secrets already reduced to {"set": true}.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type AdminAnswer<T> = { ok: true; status: number; json: T } | { ok: false; status: number; json: unknown };

export async function adminGet<T>(app: FastifyInstance, request: FastifyRequest, url: string): Promise<AdminAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.headers.cookie) headers.cookie = request.headers.cookie;
  if (request.headers.authorization) headers.authorization = request.headers.authorization;
  const answer = await app.inject({ method: 'GET', url, headers });
  let json: unknown;
  try {
    json = answer.json();
  } catch {
    json = undefined;
  }
  return answer.statusCode === 200 ? { ok: true, status: 200, json: json as T } : { ok: false, status: answer.statusCode, json };
}
