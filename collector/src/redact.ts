// Secrets never reach a log or an answer. Request logs show URLs with the values of parameters
// that carry a credential replaced, and never the Authorization or Cookie headers; answers that
// show configuration say only whether a secret is set.
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Query parameters whose value is a credential: admin token, webhook key, write key, survey link token, the buyer's order key. */
const SECRET_PARAMS = new Set(['token', 'key', 'writekey', 'write_key', 't', 'order_key']);
const REDACTED = '[redacted]';

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0];
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a malformed name is kept as sent
      }
      return SECRET_PARAMS.has(decoded.toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Fastify logger options with the redaction above. */
export function redactingLogger(options: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (options === false) return false;
  const base: LoggerOptions = options === true || options === undefined ? {} : options;
  return {
    ...base,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: REDACTED },
    serializers: {
      ...base.serializers,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}

export const SECRET_NAME = /secret|token|password|api_?key|credential/i;

/** A copy of a configuration with every secret-named value replaced by `{set: true}`. */
export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSecrets) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [name, SECRET_NAME.test(name) && inner !== undefined && inner !== null && inner !== '' ? { set: true } : withoutSecrets(inner)]),
  ) as T;
}
