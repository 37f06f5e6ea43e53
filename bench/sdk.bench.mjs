// SDK cost on a store page: script-tag bytes, main-thread time of loading and initialising the
// script tag in Chromium at 4x CPU throttling as a ratio to the same page without it (both
// measured in this run, median of fresh browser contexts; a shopper's first page view and a
// repeat one), and track() cost per call.
// Main-thread time is Performance.getMetrics TaskDuration / ScriptDuration. SDK work is started
// by the page itself (its own script tag, its own timers): work started through DevTools
// Runtime.evaluate is not counted in ScriptDuration.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TRACK_CALLS = 200;
const CPU_THROTTLING = 4;

const sizes = (file) => {
  const bytes = readFileSync(join(root, file));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

// One store-like page: some markup, and (sdk=1) the documented snippet + script tag. When the
// SDK is ready, the page runs the track() loop from its own timer on request.
const page = (sdk) => `<!doctype html><html><head><meta charset="utf-8"><title>Bench store</title>
${sdk ? `<script>window.homing = window.homing || []; homing.push(['ready', function () { window.__ready = true; }]);</script>
<script async src="/dist/homing.iife.js" data-write-key="wk_bench" data-collector="/" data-vitals-sample-rate="0"></script>` : '<script>window.__ready = true;</script>'}
<script>
window.__runTrack = function () {
  var t0 = performance.now(), done = [];
  for (var i = 0; i < ${TRACK_CALLS}; i++) done.push(window.homing.track('Bench Event', { i: i, sku: 'SKU-' + i, price: 19.99 }));
  window.__trackSyncMs = performance.now() - t0;
  Promise.all(done).then(function () { window.__trackDone = true; });
};
</script></head><body><h1>Product</h1>${'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>'.repeat(20)}
<button>Add to cart</button></body></html>`;

function startServer() {
  let batches = 0;
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/v1/batch') {
      req.resume();
      req.on('end', () => {
        batches++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":1,"duplicates":0,"rejected":[]}');
      });
      return;
    }
    if (path === '/sdk.html' || path === '/empty.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(page(path === '/sdk.html'));
    const file = normalize(join(root, path));
    if (!file.startsWith(join(root, 'dist'))) return res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}`, batches: () => batches })));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * One page view of `sdk.html` or `empty.html` in a fresh browser context: the first one
 * (`repeat` false: empty storage, time zone not known yet) or the second (`repeat` true: what
 * most page views of a shopper are).
 */
async function measure(browser, origin, batches, sdk, repeat) {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const view = async () => {
      const sent = batches();
      await tab.goto(`${origin}/${sdk ? 'sdk' : 'empty'}.html`, { waitUntil: 'load' });
      await tab.waitForFunction(() => window.__ready === true);
      // Initialisation is done when the page view reached the collector.
      if (sdk) while (batches() === sent) await new Promise((r) => setTimeout(r, 10));
    };
    if (repeat) await view();
    await view();
    // The counters start again with each document, so they are this page view's alone.
    const loaded = await metrics();
    const result = { taskMs: loaded.TaskDuration * 1000, scriptMs: loaded.ScriptDuration * 1000 };
    if (sdk && repeat) {
      await tab.evaluate(() => void setTimeout(() => window.__runTrack(), 0));
      await tab.waitForFunction(() => window.__trackDone === true);
      const tracked = await metrics();
      result.trackTaskUsPerCall = ((tracked.TaskDuration - loaded.TaskDuration) * 1e6) / TRACK_CALLS;
      result.trackSyncUsPerCall = ((await tab.evaluate(() => window.__trackSyncMs)) * 1000) / TRACK_CALLS;
    }
    return result;
  } finally {
    await context.close();
  }
}

export default async function sdkBench() {
  const script = sizes('dist/homing.iife.js');
  const vitals = sizes('dist/lazy/vitals.mjs');
  const { server, origin, batches } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.HOMING_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const runs = { first: { empty: [], sdk: [] }, repeat: { empty: [], sdk: [] } };
  try {
    await measure(browser, origin, batches, true, false); // warm-up: Chromium's own caches, the harness's JIT
    for (let i = 0; i < RUNS; i++) {
      for (const phase of ['first', 'repeat']) {
        runs[phase].empty.push(await measure(browser, origin, batches, false, phase === 'repeat'));
        runs[phase].sdk.push(await measure(browser, origin, batches, true, phase === 'repeat'));
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const summary = ({ empty, sdk }) => {
    const emptyTaskMs = median(empty.map((r) => r.taskMs));
    const sdkTaskMs = median(sdk.map((r) => r.taskMs));
    return {
      emptyTaskMs,
      sdkTaskMs,
      ratio: sdkTaskMs / emptyTaskMs,
      scriptMsAdded: median(sdk.map((r) => r.scriptMs)) - median(empty.map((r) => r.scriptMs)),
    };
  };
  const result = {
    bytes: { 'dist/homing.iife.js': script, 'dist/lazy/vitals.mjs': vitals },
    cpuThrottling: CPU_THROTTLING,
    runs: RUNS,
    firstPageView: summary(runs.first),
    repeatPageView: summary(runs.repeat),
    trackPerCall: {
      taskUs: median(runs.repeat.sdk.map((r) => r.trackTaskUsPerCall)),
      syncUs: median(runs.repeat.sdk.map((r) => r.trackSyncUsPerCall)),
    },
  };

  const row = (name, value) => console.log(`| ${name.padEnd(62)} | ${String(value).padStart(20)} |`);
  console.log(`| ${'metric'.padEnd(62)} | ${'value'.padStart(20)} |\n|${'-'.repeat(64)}|${'-'.repeat(22)}|`);
  row('homing.iife.js raw / gzip / brotli (bytes)', `${script.raw} / ${script.gzip} / ${script.brotli}`);
  row('lazy/vitals.mjs brotli (bytes, after load, sampled)', vitals.brotli);
  for (const [label, phase] of [['first page view', result.firstPageView], ['repeat page view', result.repeatPageView]]) {
    row(`${label}: main thread, empty page (ms, ${CPU_THROTTLING}x CPU)`, phase.emptyTaskMs.toFixed(1));
    row(`${label}: with the script tag, until its first batch (ms)`, phase.sdkTaskMs.toFixed(1));
    row(`${label}: ratio to the empty page`, `${phase.ratio.toFixed(2)}x`);
    row(`${label}: script time added (ms)`, phase.scriptMsAdded.toFixed(1));
  }
  row(`track(): main thread per call incl. storage (µs, ${TRACK_CALLS} calls)`, result.trackPerCall.taskUs.toFixed(0));
  row('track(): synchronous part per call (µs)', result.trackPerCall.syncUs.toFixed(0));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await sdkBench();
