// Retention report on 100,000 customers (about 3 orders each, 18 months, two currencies): the
// time to seed them (multi-row INSERTs in one transaction) and to answer GET /v1/reports/retention
// (two set-based queries) and one RFM segment's customer list, on SQLite and, when
// HOMING_BENCH_PG_URL or HOMING_TEST_PG_URL is set, on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const dist = new URL('../collector/dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

const CUSTOMERS = Number(process.env.HOMING_BENCH_CUSTOMERS ?? 100_000);
const RUNS = 3;

async function measure(url) {
  const [{ openDatabase }, { migrate }, { coreSchema }, { retentionMigrations }, { generateOrderHistory, insertOrderHistory }, { retentionReport }, { customersInSegment }] =
    await Promise.all([
      load('db/open.js'),
      load('db/migrate.js'),
      load('db/schema.js'),
      load('retention/migrations.js'),
      load('retention/history.js'),
      load('retention/report.js'),
      load('retention/segments.js'),
    ]);
  const db = await openDatabase(url);
  try {
    await migrate(db, [coreSchema, { name: 'retention', migrations: retentionMigrations }]);
    const history = generateOrderHistory({
      seed: 7,
      customers: CUSTOMERS,
      start: new Date('2025-06-01T00:00:00.000Z'),
      end: new Date('2026-12-01T00:00:00.000Z'),
      currencies: ['USD', 'EUR'],
    });
    let t = performance.now();
    await insertOrderHistory(db, 'wk', history);
    const seedMs = performance.now() - t;
    await db.run('ANALYZE');

    const range = { from: new Date('2026-06-01T00:00:00.000Z'), to: new Date('2026-12-01T00:00:00.000Z') };
    const best = async (fn) => {
      let ms = Infinity;
      let result;
      for (let i = 0; i < RUNS; i++) {
        t = performance.now();
        result = await fn();
        ms = Math.min(ms, performance.now() - t);
      }
      return { ms: Math.round(ms), result };
    };
    const report = await best(() => retentionReport(db, 'wk', range, 180));
    const segment = await best(() => customersInSegment({ db }, 'wk', 'Champions', range.to));
    return {
      customers: CUSTOMERS,
      orders: history.orders.length,
      seed_ms: Math.round(seedMs),
      seed_rows_per_s: Math.round((history.orders.length + history.identities.length) / (seedMs / 1000)),
      report_ms: report.ms,
      champions: segment.result.length,
      champions_ms: segment.ms,
      report_customers_in_range: report.result.customers,
    };
  } finally {
    await db.close();
  }
}

export default async function retentionBench() {
  const results = {};
  const dir = mkdtempSync(join(tmpdir(), 'homing-bench-retention-'));
  try {
    results.sqlite = await measure(`sqlite:${join(dir, 'bench.db')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = process.env.HOMING_BENCH_PG_URL ?? process.env.HOMING_TEST_PG_URL;
  if (pgUrl) {
    const schema = `bench_retention_${process.pid}`;
    const url = new URL(pgUrl);
    url.searchParams.set('schema', schema);
    try {
      results.postgres = await measure(url.toString());
    } finally {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  } else {
    results.postgres = { skipped: 'set HOMING_BENCH_PG_URL or HOMING_TEST_PG_URL' };
  }
  console.log(`best of ${RUNS} runs; report = every number of GET /v1/reports/retention for a 6-month range\n`);
  console.log('| store | customers | orders | seed ms (rows/s) | report ms | Champions list ms (customers) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [store, r] of Object.entries(results)) {
    if (r.skipped) console.log(`| ${store} | skipped: ${r.skipped} | | | | |`);
    else console.log(`| ${store} | ${r.customers} | ${r.orders} | ${r.seed_ms} (${r.seed_rows_per_s}) | ${r.report_ms} | ${r.champions_ms} (${r.champions}) |`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await retentionBench();
