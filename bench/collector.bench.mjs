// Collector ingest throughput: POST /v1/batch with 20 events per request over 50 concurrent
// connections on loopback, every request with fresh messageIds (autocannon's setupRequest), for
// SQLite and for PostgreSQL when one is reachable (HOMING_BENCH_PG_URL or HOMING_TEST_PG_URL).
// HOMING_BENCH_SECONDS sets the duration per store (default 10), HOMING_BENCH_STORES which stores run.
// The collector runs as its own process (collector/bin/homing-collector.mjs, built into collector/dist/), as in production.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startCollectorProcess } from './collector-process.mjs';

const DURATION_S = Number(process.env.HOMING_BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const EVENTS_PER_BATCH = 20;
const STORES = (process.env.HOMING_BENCH_STORES ?? 'sqlite,postgres').split(',');

function startCollector(databaseUrl) {
  return startCollectorProcess(databaseUrl, ['--rate-limit', '0', '--client-rate-limit', '0']);
}

// A store's realistic mix: page views, adds to cart (which update the cart state), a cart
// snapshot, vitals and a phone number (validated with libphonenumber).
let sequence = 0;
function batchBody() {
  const run = (++sequence).toString(36);
  const now = new Date().toISOString();
  const anonymousId = `anon-${run}`;
  const context = { library: { name: 'homing', version: '0.1.0' }, page: { url: 'https://shop.example/products/mug', path: '/products/mug', title: 'Mug' }, userAgent: 'Mozilla/5.0 bench' };
  const product = { product_id: '7001', variant: '41001', name: 'Classic Mug', price: 19.99, quantity: 1 };
  const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => {
    const base = { messageId: `${process.pid}-${run}-${i}`, anonymousId, timestamp: now, context };
    if (i < 10) return { ...base, type: 'page', properties: { path: '/products/mug', url: context.page.url, title: 'Mug' } };
    if (i < 15) return { ...base, type: 'track', event: 'Product Added', properties: { ...product, cart_id: `cart-${run}`, currency: 'USD' } };
    if (i < 18) return { ...base, type: 'track', event: 'Web Vitals', properties: { name: 'LCP', value: 1234, rating: 'good', id: `v-${i}` } };
    if (i < 19) return { ...base, type: 'track', event: 'Cart Updated', properties: { cart_id: `cart-${run}`, currency: 'USD', value: 99.95, products: [{ ...product, quantity: 5 }] } };
    return { ...base, type: 'identify', traits: { phone: '+989121234567', phone_consent: true } };
  });
  return JSON.stringify({ batch, writeKey: 'wk_bench', sentAt: now });
}

/** CPU seconds a process has used (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

async function load(url, pid) {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({
    url: `${url}/v1/batch`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, setupRequest: (request) => ({ ...request, body: batchBody() }) }],
  });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const events = (result.requests.total - result.non2xx - result.errors) * EVENTS_PER_BATCH;
  return {
    eventsPerSecond: Math.round(events / DURATION_S),
    // Less sensitive to other load on a shared machine: events per CPU-second of the collector.
    eventsPerCollectorCpuSecond: Number.isFinite(cpu) && cpu > 0 ? Math.round(events / cpu) : undefined,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function measure(name, databaseUrl) {
  const { child, url } = await startCollector(databaseUrl);
  try {
    return await load(url, child.pid);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export default async function collectorBench() {
  const results = {};
  const dir = mkdtempSync(join(tmpdir(), 'homing-bench-'));
  try {
    if (STORES.includes('sqlite')) results.sqlite = await measure('sqlite', `sqlite:${join(dir, 'bench.db')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const pgUrl = process.env.HOMING_BENCH_PG_URL ?? process.env.HOMING_TEST_PG_URL ?? 'postgres://homing:homing@127.0.0.1:5432/homing_test';
  if (!STORES.includes('postgres')) {
    // not asked for
  } else if (await reachable(pgUrl)) {
    const schema = `bench_${process.pid}`;
    const url = new URL(pgUrl);
    url.searchParams.set('schema', schema);
    try {
      results.postgres = await measure('postgres', url.toString());
    } finally {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  } else {
    results.postgres = { skipped: `no PostgreSQL reachable at ${pgUrl.replace(/\/\/[^@]*@/, '//')}` };
  }

  console.log(`batches of ${EVENTS_PER_BATCH} events, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback\n`);
  console.log('| store | events/s | events per collector CPU-s | requests/s | p50 ms | p99 ms | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [store, r] of Object.entries(results)) {
    if (r.skipped) console.log(`| ${store} | skipped: ${r.skipped} | | | | | |`);
    else console.log(`| ${store} | ${r.eventsPerSecond} | ${r.eventsPerCollectorCpuSecond ?? 'n/a'} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx + r.errors} |`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await collectorBench();
