import { describe, expect, it } from 'vitest';
import { configFromArgs, parseWriteKeys } from '../src/config.js';
import { ConfigError } from '../src/config-error.js';
import { writeKeyConfig } from '../src/write-keys.js';

describe('collector configuration', () => {
  it('reads write keys with their allowed origins', () => {
    expect(parseWriteKeys('wk_a=https://shop.example,https://www.shop.example/;wk_b=*\nwk_c=')).toEqual({
      wk_a: { allowedOrigins: ['https://shop.example', 'https://www.shop.example'] },
      wk_b: { allowedOrigins: ['*'] },
      wk_c: { allowedOrigins: [] },
    });
    expect(parseWriteKeys('wk_pixel=https://shop.example,null').wk_pixel).toEqual({ allowedOrigins: ['https://shop.example', 'null'] });
    for (const bad of ['wk=shop.example', 'wk=https://shop.example/path', 'wk=ftp://shop.example', '=https://shop.example']) expect(() => parseWriteKeys(bad), bad).toThrow(ConfigError);
  });

  it('takes flags over environment variables, and environment over defaults', () => {
    const env = { HOMING_PORT: '4000', HOMING_DATABASE_URL: 'postgres://db/homing', HOMING_ADMIN_TOKEN: 'from-env', HOMING_WRITE_KEYS: 'wk_env=*', HOMING_DEFAULT_COUNTRY: 'ir' };
    const config = configFromArgs(['--port', '5000', '--admin-token', 'from-flag'], env);
    expect(config).toMatchObject({
      port: 5000,
      adminToken: 'from-flag',
      databaseUrl: 'postgres://db/homing',
      writeKeys: { wk_env: { allowedOrigins: ['*'] } },
      defaultCountry: 'IR',
      rateLimitPerSecond: 1000,
      abandonedAfterMinutes: 60,
    });
    expect(configFromArgs([], {}).databaseUrl).toBe('sqlite:./.homing/homing.db');
  });

  it('names the bad setting', () => {
    expect(() => configFromArgs(['--rate-limit', 'fast'], {})).toThrow('--rate-limit must be a number >= 0, got "fast"');
    expect(() => configFromArgs(['--unknown'], {})).toThrow(/unknown/);
  });

  it('refuses a write key named like a property every object has, instead of changing what every key means', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(() => parseWriteKeys(`wk_a=*;${name}=*`), name).toThrow(ConfigError);
    }
    const keys = parseWriteKeys('wk_a=https://shop.example');
    expect(Object.getPrototypeOf(keys)).toBe(Object.prototype);
    expect(writeKeyConfig({ writeKeys: keys }, 'constructor')).toBeUndefined();
    expect(writeKeyConfig({ writeKeys: keys }, 'wk_a')).toEqual({ allowedOrigins: ['https://shop.example'] });
    const fromJson = JSON.parse('{"__proto__": {"allowedOrigins": ["*"]}, "wk_a": {"allowedOrigins": ["*"]}}');
    expect(writeKeyConfig({ writeKeys: fromJson }, '__proto__')).toBeUndefined();
    expect(writeKeyConfig({ writeKeys: fromJson }, 'wk_a')).toEqual({ allowedOrigins: ['*'] });
  });

  it('reads the resource limits and whom to trust for the client address', () => {
    expect(configFromArgs([], {})).toMatchObject({ clientRateLimitPerSecond: 100, maxConnections: 1024, requestTimeoutSeconds: 30, trustProxy: false });
    const env = { HOMING_CLIENT_RATE_LIMIT: '5', HOMING_MAX_CONNECTIONS: '10', HOMING_REQUEST_TIMEOUT: '3', HOMING_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' };
    expect(configFromArgs([], env)).toMatchObject({ clientRateLimitPerSecond: 5, maxConnections: 10, requestTimeoutSeconds: 3, trustProxy: '10.0.0.0/8, 127.0.0.1' });
    expect(configFromArgs(['--trust-proxy', 'true'], env).trustProxy).toBe(true);
    expect(configFromArgs(['--trust-proxy', '2'], env).trustProxy).toBe(2);
    expect(() => configFromArgs(['--trust-proxy', 'everyone'], {})).toThrow(ConfigError);
    expect(configFromArgs(['--trust-proxy', '10.0.0.0/255.0.0.0,fd00::/8,::1'], {}).trustProxy).toBe('10.0.0.0/255.0.0.0,fd00::/8,::1');
    for (const bad of ['10.0.0.0/33', '10.0.0.300', 'fd00::/129', '10.0.0.0/8/8', ',']) expect(() => configFromArgs(['--trust-proxy', bad], {}), bad).toThrow(ConfigError);
  });
});
