// Configuration from flags and environment (flags win). Every setting has one flag and one
// variable; `homing-collector --help` lists them.
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { isSupportedCountry } from 'libphonenumber-js/max';
import type { CollectorConfig, WriteKeyConfig } from './feature.js';
import { ConfigError } from './config-error.js';
import { validOrigin } from './origin.js';

export const configHelp = `homing-collector: the Homing reference collector

  flag               variable                 meaning
  --port             HOMING_PORT or PORT      port to listen on (default 3000; 0 picks a free one)
  --host             HOMING_HOST              interface to bind (default 0.0.0.0)
  --database         HOMING_DATABASE_URL      sqlite:./path.db (default sqlite:./.homing/homing.db) or postgres://...
  --write-keys       HOMING_WRITE_KEYS        wk_a=https://shop.example,https://www.shop.example;wk_b=*
  --admin-token      HOMING_ADMIN_TOKEN       token for the owner app (/app) and admin endpoints
  --public-url       HOMING_PUBLIC_URL        URL browsers use to reach this collector
  --rate-limit       HOMING_RATE_LIMIT        events per second per write key (default 1000, 0 = unlimited)
  --client-rate-limit
                     HOMING_CLIENT_RATE_LIMIT events per second per client IP (default 100, 0 = unlimited)
  --trust-proxy      HOMING_TRUST_PROXY       behind a proxy: true, a hop count, or the proxies' IPs/CIDRs, so
                                              X-Forwarded-For names the client (default: off)
  --max-connections  HOMING_MAX_CONNECTIONS   open connections at most; more are refused (default 1024, 0 = no cap)
  --request-timeout  HOMING_REQUEST_TIMEOUT   seconds a client has to send a whole request (default 30)
  --abandoned-after  HOMING_ABANDONED_AFTER   minutes idle before a cart counts as abandoned (default 60)
  --default-country  HOMING_DEFAULT_COUNTRY   region for phone numbers without +country code, e.g. IR
                     HOMING_SECRET            signing secret for offer tokens, survey links and admin sessions
                                              (default: generated once and kept in the database)
`;

/**
 * `wk_a=https://a.example,https://b.example;wk_b=*` (also newline or space separated entries).
 * A name every JavaScript object has (`__proto__`, `constructor`, `toString`) is refused: such a
 * key would be confused with the object's own machinery.
 */
export function parseWriteKeys(text: string): Record<string, WriteKeyConfig> {
  const keys: Record<string, WriteKeyConfig> = {};
  for (const entry of text.split(/[;\s]+/).filter(Boolean)) {
    const [key, origins = ''] = entry.split('=', 2);
    if (!key) throw new ConfigError(`--write-keys: "${entry}" has no key before "="`);
    if (key in keys && !Object.hasOwn(keys, key)) throw new ConfigError(`--write-keys: "${key}" cannot be a write key (every JavaScript object has a property of that name); choose another name`);
    const allowedOrigins = origins.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
    for (const origin of allowedOrigins) {
      if (!validOrigin(origin)) throw new ConfigError(`--write-keys: "${origin}" (for ${key}) is not an origin like https://shop.example, nor * or null`);
    }
    keys[key] = { allowedOrigins };
  }
  return keys;
}

export function defaultConfig(overrides: Partial<CollectorConfig> = {}): CollectorConfig {
  const port = overrides.port ?? 3000;
  return {
    port,
    host: '0.0.0.0',
    databaseUrl: 'sqlite:./.homing/homing.db',
    writeKeys: {},
    adminToken: '',
    secret: '',
    publicUrl: `http://localhost:${port}`,
    rateLimitPerSecond: 1000,
    clientRateLimitPerSecond: 100,
    trustProxy: false,
    maxConnections: 1024,
    requestTimeoutSeconds: 30,
    abandonedAfterMinutes: 60,
    env: {},
    ...overrides,
  };
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be a number >= 0, got "${value}"`);
  return n;
}

/** Fastify's trustProxy: `true`, a number of hops, or a comma-separated list of proxy IPs/CIDRs. */
function trustProxy(value: string | undefined): CollectorConfig['trustProxy'] | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F.:/, ]+$/.test(value) && value.split(',').every((entry) => isAddressOrRange(entry.trim()))) return value;
  throw new ConfigError(`--trust-proxy must be true, false, a number of proxies or their IPs/CIDRs, got "${value}"`);
}

/** `10.0.0.1`, `10.0.0.0/8`, `10.0.0.0/255.0.0.0` or `fd00::/8` (what Fastify's trustProxy takes). */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (version === 4 && isIP(prefix) === 4) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function port(value: string | undefined): number | undefined {
  const n = positiveNumber('--port', value);
  if (n !== undefined && (!Number.isInteger(n) || n > 65535)) throw new ConfigError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  return n;
}

/** The URL put into every text's short links and survey pages: a mistake here would send shoppers nowhere. */
function publicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new ConfigError(`--public-url must be the http(s) URL browsers reach this collector at, like https://collect.shop.example, got "${value}"`);
  }
  return value;
}

function country(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const code = value.toUpperCase();
  if (!isSupportedCountry(code)) throw new ConfigError(`--default-country must be a two-letter region code like IR or US, got "${value}"`);
  return code;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        database: { type: 'string' },
        'write-keys': { type: 'string' },
        'admin-token': { type: 'string' },
        'public-url': { type: 'string' },
        'rate-limit': { type: 'string' },
        'client-rate-limit': { type: 'string' },
        'trust-proxy': { type: 'string' },
        'max-connections': { type: 'string' },
        'request-timeout': { type: 'string' },
        'abandoned-after': { type: 'string' },
        'default-country': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

export function configFromArgs(argv: string[], env: Record<string, string | undefined> = process.env): CollectorConfig & { help: boolean } {
  const { values } = parseFlags(argv);
  const base = defaultConfig({ port: port(values.port ?? env.HOMING_PORT ?? env.PORT) ?? 3000 });
  return {
    ...base,
    host: values.host ?? env.HOMING_HOST ?? base.host,
    databaseUrl: values.database ?? env.HOMING_DATABASE_URL ?? base.databaseUrl,
    writeKeys: parseWriteKeys(values['write-keys'] ?? env.HOMING_WRITE_KEYS ?? ''),
    adminToken: values['admin-token'] ?? env.HOMING_ADMIN_TOKEN ?? '',
    publicUrl: publicUrl(values['public-url'] ?? env.HOMING_PUBLIC_URL) ?? base.publicUrl,
    rateLimitPerSecond: positiveNumber('--rate-limit', values['rate-limit'] ?? env.HOMING_RATE_LIMIT) ?? base.rateLimitPerSecond,
    clientRateLimitPerSecond: positiveNumber('--client-rate-limit', values['client-rate-limit'] ?? env.HOMING_CLIENT_RATE_LIMIT) ?? base.clientRateLimitPerSecond,
    trustProxy: trustProxy(values['trust-proxy'] ?? env.HOMING_TRUST_PROXY) ?? base.trustProxy,
    maxConnections: positiveNumber('--max-connections', values['max-connections'] ?? env.HOMING_MAX_CONNECTIONS) ?? base.maxConnections,
    requestTimeoutSeconds: positiveNumber('--request-timeout', values['request-timeout'] ?? env.HOMING_REQUEST_TIMEOUT) ?? base.requestTimeoutSeconds,
    abandonedAfterMinutes: positiveNumber('--abandoned-after', values['abandoned-after'] ?? env.HOMING_ABANDONED_AFTER) ?? base.abandonedAfterMinutes,
    defaultCountry: country(values['default-country'] ?? env.HOMING_DEFAULT_COUNTRY),
    env,
    help: values.help ?? false,
  };
}
