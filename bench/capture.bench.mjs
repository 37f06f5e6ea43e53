// What an add-to-cart click costs the page with Homing, against the same page without it, in the
// same run, in Chromium at 4x CPU throttling (a mid-range phone):
// - synchronous: main-thread time Homing adds before the theme's handler continues: its click and
//   submit listeners (bracketed by listeners registered before and after them) and its fetch
//   wrapper (bracketed in the theme's handler), measured with performance.now() at 5 µs
//   resolution (cross-origin isolated page), against the same brackets without Homing;
// - total: main-thread task time (CDP Performance.getMetrics TaskDuration) per click, from the
//   click until the theme rendered its answer and the collector received Homing's events;
// - click to beacon: from the click to the arrival of `Product Added` at the collector.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import shopifyBackend from '../examples/shopify/backend.mjs';

const root = resolve(import.meta.dirname, '..');
const CLICKS = 40;
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

async function openPage(browser, origin, withHoming) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}/test/e2e/pages/capture/bench.html${withHoming ? '' : '?homing=0'}`);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('bench page is not cross-origin isolated');
  await page.waitForFunction(() => window.benchReady);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page, cdp, withHoming, clicks: 0, listeners: [], fetchCall: [], sync: [], total: [], beacon: [] };
}

async function click(run, arrivals, record) {
  const { page, cdp, withHoming } = run;
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const count = (name) => arrivals.filter((a) => a.event.event === name).length;
  const [addedBefore, updatedBefore] = [count('Product Added'), count('Cart Updated')];
  const before = await taskTime();
  await page.click('#add');
  const n = ++run.clicks;
  await page.waitForFunction((n) => marks.length === n && marks[n - 1].rendered, n);
  if (withHoming) {
    const deadline = Date.now() + 10_000;
    while ((count('Product Added') === addedBefore || count('Cart Updated') === updatedBefore) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if (count('Product Added') === addedBefore) throw new Error('no Product Added reached the collector');
  }
  const after = await taskTime();
  const mark = await page.evaluate((n) => ({ ...marks[n - 1], origin: performance.timeOrigin }), n);
  if (!record) return;
  // Time spent between the brackets: Homing's click listener, its submit listener, its fetch wrapper.
  run.listeners.push(mark.clickAfter - mark.click + (mark.submitAfter - mark.submitBefore));
  run.fetchCall.push(mark.fetched - mark.fetchStart);
  run.sync.push(run.listeners.at(-1) + run.fetchCall.at(-1));
  run.total.push(after - before);
  if (withHoming) run.beacon.push(arrivals.filter((a) => a.event.event === 'Product Added').at(-1).at - (mark.origin + mark.click));
}

export default async function captureBench() {
  const { server, arrivals, origin } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.HOMING_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    // Click the two pages in turn, so that drift on a shared machine hits both alike.
    const base = await openPage(browser, origin, false);
    const homing = await openPage(browser, origin, true);
    for (let i = 0; i < WARMUP + CLICKS; i++) {
      await click(base, arrivals, i >= WARMUP);
      await click(homing, arrivals, i >= WARMUP);
    }
    await Promise.all([base.context.close(), homing.context.close()]);
    const result = {
      clicks: CLICKS,
      cpuThrottling: 4,
      listenersMs: { baseline: round(median(base.listeners)), homing: round(median(homing.listeners)), added: round(median(homing.listeners) - median(base.listeners)) },
      fetchCallMs: { baseline: round(median(base.fetchCall)), homing: round(median(homing.fetchCall)), added: round(median(homing.fetchCall) - median(base.fetchCall)) },
      syncMs: { baseline: round(median(base.sync)), homing: round(median(homing.sync)), added: round(median(homing.sync) - median(base.sync)) },
      totalTaskMs: { baseline: round(mean(base.total), 2), homing: round(mean(homing.total), 2), added: round(mean(homing.total) - mean(base.total), 2) },
      clickToBeaconMs: { median: round(median(homing.beacon), 1), p90: round([...homing.beacon].sort((a, b) => a - b)[Math.floor(homing.beacon.length * 0.9)], 1) },
    };
    console.table({
      'click + submit listeners, median (ms)': { 'no Homing': result.listenersMs.baseline, Homing: result.listenersMs.homing, added: result.listenersMs.added },
      'theme fetch() call, median (ms)': { 'no Homing': result.fetchCallMs.baseline, Homing: result.fetchCallMs.homing, added: result.fetchCallMs.added },
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
