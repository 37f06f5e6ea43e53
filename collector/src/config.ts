// Configuration from flags and environment (flags win). Every setting has one flag and one
// variable; `homing-collector --help` lists them.
import { parseArgs } from 'node:util';
import type { CollectorConfig, WriteKeyConfig } from './feature.js';

export const configHelp = `homing-collector: the Homing reference collector

  flag               variable                 meaning
  --port             HOMING_PORT or PORT      port to listen on (default 3000; 0 picks a free one)
  --host             HOMING_HOST              interface to bind (default 0.0.0.0)
  --database         HOMING_DATABASE_URL      sqlite:./path.db (default sqlite:./.homing/homing.db) or postgres://...
  --write-keys       HOMING_WRITE_KEYS        wk_a=https://shop.example,https://www.shop.example;wk_b=*
  --admin-token      HOMING_ADMIN_TOKEN       token for /dashboard and admin endpoints
  --public-url       HOMING_PUBLIC_URL        URL browsers use to reach this collector
  --rate-limit       HOMING_RATE_LIMIT        events per second per write key (default 1000, 0 = unlimited)
  --abandoned-after  HOMING_ABANDONED_AFTER   minutes idle before a cart counts as abandoned (default 60)
  --default-country  HOMING_DEFAULT_COUNTRY   region for phone numbers without +country code, e.g. IR
                     HOMING_SECRET            signing secret for offer tokens, survey links and admin sessions
                                              (default: generated once and kept in the database)
`;

/** `wk_a=https://a.example,https://b.example;wk_b=*` (also newline or space separated entries). */
export function parseWriteKeys(text: string): Record<string, WriteKeyConfig> {
  const keys: Record<string, WriteKeyConfig> = {};
  for (const entry of text.split(/[;\s]+/).filter(Boolean)) {
    const [key, origins = ''] = entry.split('=', 2);
    if (!key) continue;
    keys[key] = { allowedOrigins: origins.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean) };
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
    abandonedAfterMinutes: 60,
    env: {},
    ...overrides,
  };
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0, got "${value}"`);
  return n;
}

export function configFromArgs(argv: string[], env: Record<string, string | undefined> = process.env): CollectorConfig & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      database: { type: 'string' },
      'write-keys': { type: 'string' },
      'admin-token': { type: 'string' },
      'public-url': { type: 'string' },
      'rate-limit': { type: 'string' },
      'abandoned-after': { type: 'string' },
      'default-country': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const port = positiveNumber('--port', values.port ?? env.HOMING_PORT ?? env.PORT) ?? 3000;
  const base = defaultConfig({ port });
  return {
    ...base,
    host: values.host ?? env.HOMING_HOST ?? base.host,
    databaseUrl: values.database ?? env.HOMING_DATABASE_URL ?? base.databaseUrl,
    writeKeys: parseWriteKeys(values['write-keys'] ?? env.HOMING_WRITE_KEYS ?? ''),
    adminToken: values['admin-token'] ?? env.HOMING_ADMIN_TOKEN ?? '',
    publicUrl: values['public-url'] ?? env.HOMING_PUBLIC_URL ?? base.publicUrl,
    rateLimitPerSecond: positiveNumber('--rate-limit', values['rate-limit'] ?? env.HOMING_RATE_LIMIT) ?? base.rateLimitPerSecond,
    abandonedAfterMinutes: positiveNumber('--abandoned-after', values['abandoned-after'] ?? env.HOMING_ABANDONED_AFTER) ?? base.abandonedAfterMinutes,
    defaultCountry: (values['default-country'] ?? env.HOMING_DEFAULT_COUNTRY)?.toUpperCase() || undefined,
    env,
    help: values.help ?? false,
  };
}
