// What an add-to-cart click costs the page with Homing, against the same page without it, in the
// same run, in Chromium at 4x CPU throttling (a mid-range phone):
// - synchronous: main-thread time from the start of the click's dispatch until the theme's own
//   submit handler has called fetch (Homing's click/submit listeners and its fetch wrapper run in
//   there), measured with performance.now() at 5 µs resolution (cross-origin isolated page);
// - total: main-thread task time (CDP Performance.getMetrics TaskDuration) per click, from the
//   click until the theme rendered its answer and the collector received Homing's events;
// - click to beacon: from the click to the arrival of `Product Added` at the collector.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import shopifyBackend from '../examples/shopify/backend.mjs';

const root = resolve(import.meta.dirname, '..');
const CLICKS = 25;
const WARMUP = 3;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.map': 'application/json' };

function startServer() {
  const arrivals = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    // Cross-origin isolation gives performance.now() its 5 µs resolution.
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-embedder-policy', 'require-corp');
    const path = decodeURIComponent(req.url.split('?')[0]);
    if (path === '/v1/batch') {
      const at = Date.now();
      for (const event of JSON.parse(body).batch ?? []) arrivals.push({ at, event });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: 1, duplicates: 0, rejected: [] }));
      return;
    }
    if (await shopifyBackend(req, res, body)) return;
    const file = normalize(join(root, path));
    try {
      if (!file.startsWith(root) || file.includes('node_modules')) throw new Error('forbidden');
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, arrivals, origin: `http://127.0.0.1:${server.address().port}` })));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const round = (value, digits = 3) => Number(value.toFixed(digits));

async function run(browser, origin, arrivals, withHoming) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}/test/e2e/pages/capture/bench.html${withHoming ? '' : '?homing=0'}`);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('bench page is not cross-origin isolated');
  if (withHoming) await page.waitForFunction(() => '__homingNet' in window);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;

  const sync = [];
  const total = [];
  const beacon = [];
  for (let i = 0; i < WARMUP + CLICKS; i++) {
    const added = () => arrivals.filter((a) => a.event.event === 'Product Added').length;
    const updated = () => arrivals.filter((a) => a.event.event === 'Cart Updated').length;
    const [addedBefore, updatedBefore] = [added(), updated()];
    const before = await taskTime();
    await page.click('#add');
    await page.waitForFunction((n) => marks.length === n && marks[n - 1].rendered, i + 1);
    if (withHoming) {
      const deadline = Date.now() + 10_000;
      while ((added() === addedBefore || updated() === updatedBefore) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      if (added() === addedBefore) throw new Error('no Product Added reached the collector');
    }
    const after = await taskTime();
    const mark = await page.evaluate((n) => ({ ...marks[n - 1], origin: performance.timeOrigin }), i + 1);
    if (i < WARMUP) continue;
    sync.push(mark.fetched - mark.click);
    total.push(after - before);
    if (withHoming) beacon.push(arrivals.filter((a) => a.event.event === 'Product Added').at(-1).at - (mark.origin + mark.click));
  }
  await context.close();
  return { sync, total, beacon };
}

export default async function captureBench() {
  const { server, arrivals, origin } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.HOMING_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    // Alternate the runs so drift on a shared machine hits both alike.
    const baseline = await run(browser, origin, arrivals, false);
    const homing = await run(browser, origin, arrivals, true);
    const baseline2 = await run(browser, origin, arrivals, false);
    const base = { sync: [...baseline.sync, ...baseline2.sync], total: [...baseline.total, ...baseline2.total] };
    const result = {
      clicks: CLICKS,
      cpuThrottling: 4,
      syncMs: { baseline: round(median(base.sync)), homing: round(median(homing.sync)), added: round(median(homing.sync) - median(base.sync)) },
      totalTaskMs: { baseline: round(mean(base.total), 2), homing: round(mean(homing.total), 2), added: round(mean(homing.total) - mean(base.total), 2) },
      clickToBeaconMs: { median: round(median(homing.beacon), 1), p90: round([...homing.beacon].sort((a, b) => a - b)[Math.floor(homing.beacon.length * 0.9)], 1) },
    };
    console.table({
      'sync on click, median (ms)': { 'no Homing': result.syncMs.baseline, Homing: result.syncMs.homing, added: result.syncMs.added },
      'main-thread task time per click, mean (ms)': { 'no Homing': result.totalTaskMs.baseline, Homing: result.totalTaskMs.homing, added: result.totalTaskMs.added },
      'click to beacon at collector (ms)': { 'no Homing': '-', Homing: `${result.clickToBeaconMs.median} (p90 ${result.clickToBeaconMs.p90})`, added: '-' },
    });
    return result;
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}
