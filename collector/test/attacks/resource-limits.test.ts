// One client must not be able to spend a store's event budget, hold the collector's connections,
// or keep a request open forever by sending its body one byte at a time.
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { dropTestSchemas, testStores } from '../stores.js';
import { waitFor } from '../../../test/e2e/harness.js';
import { ATTACK_KEY, startCollectorProcess } from './collector-process.js';

afterAll(dropTestSchemas);

const batch = (events: number) =>
  JSON.stringify({ writeKey: ATTACK_KEY, batch: Array.from({ length: events }, () => ({ type: 'track', event: 'Product Viewed', messageId: nanoid(), anonymousId: 'anon', timestamp: new Date().toISOString() })) });

/** POST /v1/batch from a chosen source address (all of 127/8 is loopback on Linux). */
function post(base: string, body: string, { localAddress = '127.0.0.1', headers = {} }: { localAddress?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
    const request = httpRequest(new URL('/v1/batch', base), { method: 'POST', localAddress, headers: { 'content-type': 'text/plain', ...headers } }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'] as string | undefined }));
    });
    request.once('error', reject);
    request.end(body);
  });
}

/** A raw connection that records what the server answered and when it closed. */
function rawConnection(url: string): Promise<{ socket: Socket; answer(): string; closed: Promise<void> }> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  socket.on('error', () => undefined); // a reset is one of the answers under test
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, answer: () => answer, closed }));
    socket.once('error', reject);
  });
}

describe.each(testStores)('resource limits on $name', (store) => {
  it('answers a client over its own rate 429 with Retry-After, without spending the store budget another client still gets', async () => {
    // 1 event/s per client (a burst of 10), 2 events/s per key (a burst of 20).
    const collector = await startCollectorProcess(store, { args: ['--client-rate-limit', '1', '--rate-limit', '2'] });
    expect((await post(collector.url, batch(10))).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const flood = await post(collector.url, batch(10));
      expect(flood.status).toBe(429);
      expect(Number(flood.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // The refused batches took nothing from the key: another client still gets the key's remaining 10.
    expect((await post(collector.url, batch(10), { localAddress: '127.0.0.2' })).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy, and then limits by the client the proxy names', async () => {
    const direct = await startCollectorProcess(store, { args: ['--client-rate-limit', '1', '--rate-limit', '0'] });
    expect((await post(direct.url, batch(10), { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(200);
    // A forged header is no new identity.
    expect((await post(direct.url, batch(10), { headers: { 'x-forwarded-for': '203.0.113.2' } })).status).toBe(429);
    await direct.stop();

    const proxied = await startCollectorProcess(store, { args: ['--client-rate-limit', '1', '--rate-limit', '0', '--trust-proxy', '127.0.0.1'] });
    expect((await post(proxied.url, batch(10), { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(200);
    expect((await post(proxied.url, batch(10), { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(429);
    expect((await post(proxied.url, batch(10), { headers: { 'x-forwarded-for': '203.0.113.2' } })).status).toBe(200);
    // Clients of one IPv6 /64 share a budget: a subscriber cannot rotate through its own addresses.
    expect((await post(proxied.url, batch(10), { headers: { 'x-forwarded-for': '2001:db8:1:2::1' } })).status).toBe(200);
    expect((await post(proxied.url, batch(10), { headers: { 'x-forwarded-for': '2001:db8:1:2:ffff::9' } })).status).toBe(429);
    expect((await post(proxied.url, batch(10), { headers: { 'x-forwarded-for': '2001:db8:1:3::1' } })).status).toBe(200);
  });

  it('limits the shopper pages per client too: short links, survey pages and offers answer 429 past the client rate, other clients go on', async () => {
    const collector = await startCollectorProcess(store, { args: ['--client-rate-limit', '1', '--trust-proxy', '127.0.0.1'] });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const routes = ['/r/unknownlink', '/s/o-1?k=wk_shop&t=forged', `/v1/offers?writeKey=wk_shop&order_id=o-1&order_key=k`];
    for (const path of routes) {
      const client = `203.0.113.${routes.indexOf(path) + 10}`;
      // A burst of 10 seconds' worth passes (each answered for itself: unknown link, bad signature...).
      for (let i = 0; i < 10; i++) expect((await fetch(`${collector.url}${path}`, from(client))).status, path).not.toBe(429);
      const refused = await fetch(`${collector.url}${path}`, from(client));
      expect(refused.status, path).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${collector.url}${path}`, from('198.51.100.1'))).status, path).not.toBe(429);
    }
  });

  it('cuts off a client sending its body one byte at a time with 408, and one sending its headers slowly', async () => {
    const collector = await startCollectorProcess(store, { args: ['--request-timeout', '2'] });
    const body = batch(1);
    const slowBody = await rawConnection(collector.url);
    slowBody.socket.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`);
    const slowHeaders = await rawConnection(collector.url);
    slowHeaders.socket.write('POST /v1/batch HTTP/1.1\r\n');
    let sent = 0;
    const drip = setInterval(() => {
      if (!slowBody.socket.destroyed) slowBody.socket.write(body[sent++]!);
      if (!slowHeaders.socket.destroyed) slowHeaders.socket.write('X-Slow: 1\r\n');
    }, 250);
    try {
      await Promise.all([slowBody.closed, slowHeaders.closed]);
    } finally {
      clearInterval(drip);
    }
    expect(sent).toBeLessThan(body.length); // cut off long before the body would have been complete
    expect(slowBody.answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(slowHeaders.answer()).toMatch(/^HTTP\/1\.1 408/);
    expect((await post(collector.url, batch(1))).status).toBe(200);
  });

  it('refuses connections over --max-connections and takes new ones once others close', async () => {
    const collector = await startCollectorProcess(store, { args: ['--max-connections', '4'] });
    const held = await Promise.all(Array.from({ length: 4 }, () => rawConnection(collector.url)));
    for (const connection of held) connection.socket.write('POST /v1/batch HTTP/1.1\r\nHost: x\r\n');
    const extra = await rawConnection(collector.url);
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await extra.closed;
    expect(extra.answer()).toBe(''); // closed without an answer

    for (const connection of held) connection.socket.destroy();
    await waitFor(async () => (await fetch(new URL('/healthz', collector.url))).status === 200, { message: 'a connection accepted again' });
  });
});
