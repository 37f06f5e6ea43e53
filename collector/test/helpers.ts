// Builds a collector for a test on a fresh database, with a clock the test can move.
import type { FastifyInstance } from 'fastify';
import { nanoid } from 'nanoid';
import { createCollector } from '../src/server.js';
import type { CollectorConfig, CollectorFeature } from '../src/feature.js';
import type { TestStore } from './stores.js';

export const WRITE_KEY = 'wk_test';
export const OTHER_KEY = 'wk_other';
export const SHOP_ORIGIN = 'https://shop.example';
export const ADMIN = 'admin-secret';

export interface TestCollectorApp {
  app: FastifyInstance;
  clock: { now: Date; advance(ms: number): void };
}

export async function startCollector(store: TestStore, config: Partial<CollectorConfig> = {}, features: CollectorFeature[] = []): Promise<TestCollectorApp> {
  const clock = {
    now: new Date('2026-11-23T10:00:00.000Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const app = await createCollector({
    config: {
      databaseUrl: store.fresh(),
      writeKeys: { [WRITE_KEY]: { allowedOrigins: [SHOP_ORIGIN] }, [OTHER_KEY]: { allowedOrigins: ['https://other.example'] } },
      adminToken: ADMIN,
      rateLimitPerSecond: 0,
      clientRateLimitPerSecond: 0,
      ...config,
    },
    features,
    now: () => clock.now,
  });
  return { app, clock };
}

export function track(event: string, properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { type: 'track', event, properties, messageId: nanoid(), anonymousId: 'anon-1', timestamp: '2026-11-23T10:00:00.000Z', ...extra };
}

export function identify(traits: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { type: 'identify', traits, messageId: nanoid(), anonymousId: 'anon-1', timestamp: '2026-11-23T10:00:00.000Z', ...extra };
}

export function page(extra: Record<string, unknown> = {}) {
  return { type: 'page', properties: { path: '/' }, messageId: nanoid(), anonymousId: 'anon-1', timestamp: '2026-11-23T10:00:00.000Z', ...extra };
}

export async function send(app: FastifyInstance, batch: unknown[], { writeKey = WRITE_KEY, sentAt, headers = {} }: { writeKey?: string; sentAt?: string; headers?: Record<string, string> } = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    payload: JSON.stringify({ batch, writeKey, sentAt: sentAt ?? '2026-11-23T10:00:00.000Z' }),
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

export const admin = { authorization: `Bearer ${ADMIN}` };
