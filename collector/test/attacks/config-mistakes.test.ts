// An operator's mistake in the configuration stops the collector at start with a non-zero code
// and one line naming the problem: no stack trace to read through, and no collector running
// with settings other than the ones the operator meant.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, runCollectorToExit } from './collector-process.js';

afterAll(dropTestSchemas);

const dir = mkdtempSync(join(tmpdir(), 'homing-config-'));
const notADirectory = join(dir, 'a-file');
writeFileSync(notADirectory, '');

/** Everything but the mistake is a valid configuration (so no warning joins the output). */
const valid = ['--port', '0', '--host', '127.0.0.1', '--database', `sqlite:${join(dir, 'ok.db')}`, '--write-keys', `${ATTACK_KEY}=${ATTACK_ORIGIN}`, '--admin-token', ATTACK_ADMIN];

const mistakes: { what: string; args?: string[]; env?: Record<string, string>; names: RegExp }[] = [
  { what: 'HOMING_CAMPAIGNS that is not JSON', env: { HOMING_CAMPAIGNS: '{"campaigns": {' }, names: /HOMING_CAMPAIGNS is not valid JSON/ },
  { what: 'HOMING_CAMPAIGNS that is not an object', env: { HOMING_CAMPAIGNS: '[1]' }, names: /must be a JSON object/ },
  { what: 'an unknown campaign', env: { HOMING_CAMPAIGNS: '{"campaigns": {"winback": {}}}' }, names: /unknown campaign "winback"/ },
  { what: 'a step with a bad delay and no {link}', env: { HOMING_CAMPAIGNS: '{"campaigns": {"survey": {"steps": [{"after": "soon", "template": {"en": "hi"}}]}}}' }, names: /survey step 1.*"soon".*no \{link\}/ },
  { what: 'steps that are not a list', env: { HOMING_CAMPAIGNS: '{"campaigns": {"survey": {"steps": "3d"}}}' }, names: /survey: steps must be a list/ },
  { what: 'bad quiet hours', env: { HOMING_CAMPAIGNS: '{"quietHours": {"start": "late"}}' }, names: /quietHours/ },
  { what: 'an unknown SMS provider', env: { HOMING_CAMPAIGNS: '{"provider": {"provider": "pigeon"}}' }, names: /sms provider "pigeon" is unknown/ },
  { what: 'a missing HOMING_CAMPAIGNS_FILE', env: { HOMING_CAMPAIGNS_FILE: join(dir, 'missing.json') }, names: /HOMING_CAMPAIGNS_FILE .*missing\.json cannot be read \(ENOENT\)/ },
  { what: 'a flag value that is not a number', args: ['--rate-limit', 'fast'], names: /--rate-limit must be a number >= 0, got "fast"/ },
  { what: 'a negative variable', env: { HOMING_MAX_CONNECTIONS: '-1' }, names: /--max-connections must be a number >= 0/ },
  { what: 'an unknown flag', args: ['--rate-limt', '5'], names: /Unknown option '--rate-limt'/ },
  { what: 'a bad --trust-proxy', args: ['--trust-proxy', 'yes please'], names: /--trust-proxy must be/ },
  { what: 'a port out of range', args: ['--port', '99999'], names: /--port must be a whole number from 0 to 65535, got "99999"/ },
  { what: 'a --trust-proxy range that is no range', args: ['--trust-proxy', '10.0.0.0/99'], names: /--trust-proxy must be .*got "10\.0\.0\.0\/99"/ },
  { what: 'a --trust-proxy address that is no address', env: { HOMING_TRUST_PROXY: '10.0.0.300' }, names: /--trust-proxy must be/ },
  { what: 'a public URL that is no http(s) URL', args: ['--public-url', 'javascript:alert(1)'], names: /--public-url must be the http\(s\) URL/ },
  { what: 'a public URL without a scheme', env: { HOMING_PUBLIC_URL: 'collect.shop.example' }, names: /--public-url must be/ },
  { what: 'an unknown default country', args: ['--default-country', 'XX'], names: /--default-country must be a two-letter region code .*got "XX"/ },
  { what: 'an allowed origin with a path', args: ['--write-keys', `${ATTACK_KEY}=${ATTACK_ORIGIN}/shop`], names: /--write-keys: "https:\/\/shop\.example\/shop" \(for wk_shop\) is not an origin/ },
  { what: 'an allowed origin that is no URL', args: ['--write-keys', `${ATTACK_KEY}=shop.example`], names: /--write-keys: "shop\.example" .* is not an origin/ },
  { what: 'a write key entry without its key', args: ['--write-keys', `=${ATTACK_ORIGIN}`], names: /--write-keys: "=https:\/\/shop\.example" has no key/ },
  { what: 'an unknown log level', env: { HOMING_LOG_LEVEL: 'verbose' }, names: /HOMING_LOG_LEVEL must be one of .*got "verbose"/ },
  { what: 'a database URL of another kind', args: ['--database', 'mysql://homing@127.0.0.1/homing'], names: /cannot open the database mysql:.*use sqlite:/ },
  { what: 'a campaigns interval that is not a number', env: { HOMING_CAMPAIGNS_INTERVAL: 'hourly' }, names: /HOMING_CAMPAIGNS_INTERVAL must be a number of seconds >= 0, got "hourly"/ },
  { what: 'a database path under a file', args: ['--database', `sqlite:${join(notADirectory, 'homing.db')}`], names: /cannot open the database sqlite:.*a-file/ },
  { what: 'a database path that is a directory', args: ['--database', `sqlite:${dir}`], names: /cannot open the database/ },
];

describe('configuration mistakes', () => {
  it.each(mistakes)('$what: exits non-zero with one line naming it', async ({ args = [], env = {}, names }) => {
    const { code, output } = await runCollectorToExit([...valid, ...args], { HOMING_CAMPAIGNS_INTERVAL: '0', ...env });
    expect(code).not.toBe(0);
    const lines = output.trim().split('\n');
    expect(lines, output).toHaveLength(1);
    expect(lines[0]).toMatch(/^homing-collector: /);
    expect(lines[0]).toMatch(names);
    expect(output).not.toMatch(/\n\s+at |Error:/);
  });

  it('names a port already taken', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    try {
      const port = String((taken.address() as AddressInfo).port);
      // The store is set up for campaigns, so the start has nothing else to say.
      const campaigns = JSON.stringify({ stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR' } } });
      const { code, output } = await runCollectorToExit([...valid, '--port', port], { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: campaigns });
      expect(code).not.toBe(0);
      expect(output.trim().split('\n')).toHaveLength(1);
      expect(output).toContain(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    } finally {
      taken.close();
    }
  });

  it('refuses an SMS webhook URL with a password in it without printing the password', async () => {
    const provider = { provider: 'webhook', url: 'https://relay:s3cret-relay-pw@sms.example/send' };
    const { code, output } = await runCollectorToExit(valid, { HOMING_CAMPAIGNS_INTERVAL: '0', HOMING_CAMPAIGNS: JSON.stringify({ provider }) });
    expect(code).not.toBe(0);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/sms provider "webhook": url must not hold a user name or password/);
    expect(output).not.toContain('s3cret-relay-pw');
  });

  it('names an unreachable PostgreSQL without printing its password', async () => {
    const { code, output } = await runCollectorToExit([...valid, '--database', 'postgres://homing:s3cret-pw@127.0.0.1:1/homing']);
    expect(code).not.toBe(0);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/cannot open the database postgres:\/\/homing:\*\*\*@127\.0\.0\.1:1\/homing: connect ECONNREFUSED/);
    expect(output).not.toContain('s3cret-pw');
  });
});

// Campaigns are read after the store is opened and migrated: the process must still end (the
// store's connections closed), not hang on an open PostgreSQL pool.
describe.each(testStores)('a campaigns mistake with the store on $name', (store) => {
  it('ends the process with one line', async () => {
    const { code, output } = await runCollectorToExit([...valid, '--database', store.fresh()], { HOMING_CAMPAIGNS: '{"campaigns": {"winback": {}}}' });
    expect(code).not.toBe(0);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/unknown campaign "winback"/);
  });
});
