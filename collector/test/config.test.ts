import { describe, expect, it } from 'vitest';
import { configFromArgs, parseWriteKeys } from '../src/config.js';

describe('collector configuration', () => {
  it('reads write keys with their allowed origins', () => {
    expect(parseWriteKeys('wk_a=https://shop.example,https://www.shop.example/;wk_b=*\nwk_c=')).toEqual({
      wk_a: { allowedOrigins: ['https://shop.example', 'https://www.shop.example'] },
      wk_b: { allowedOrigins: ['*'] },
      wk_c: { allowedOrigins: [] },
    });
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
});
