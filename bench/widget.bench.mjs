// Time from page load to the post-purchase upsell widget being visible on WooCommerce's
// order-received page, in Chromium at 4x CPU throttling (a mid-range phone), against the real
// collector (SQLite in memory) through the script tag, each run a first visit (new browser
// profile, new order). Baseline in the same run: the page's own load event. Also the layout shift
// the widget caused (PerformanceObserver layout-shift), which must be 0.
//   widget visible: the first frame after the widget's `homing:upsell-visible` mark (rendered into
//   its reserved box); measured from navigation start.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createCollector } from 'homing-collector';
import { createOrderReceivedBackend, orders } from '../examples/woocommerce/order-received/backend.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = 7;
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml' };

async function startPages(backend) {
  const server = createServer(async (req, res) => {
    if (await backend(req, res, '')) return;
    const file = normalize(join(root, decodeURIComponent(req.url.split('?')[0])));
    try {
      if (!file.startsWith(root) || file.includes('node_modules')) throw new Error('forbidden');
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export default async function widgetBench() {
  // The collector needs the pages' origin, the pages need the collector's URL: bound once both listen.
  let backend = async () => false;
  const pages = await startPages((req, res, body) => backend(req, res, body));
  const collector = await createCollector({
    config: { databaseUrl: 'sqlite::memory:', adminToken: 'bench', writeKeys: { wk_bench: { allowedOrigins: [pages.origin] } } },
  });
  const collectorUrl = await collector.listen({ port: 0, host: '127.0.0.1' });
  backend = createOrderReceivedBackend({ collector: collectorUrl, writeKey: 'wk_bench' });
  await collector.inject({
    method: 'PUT',
    url: '/v1/admin/offers/rules/phones',
    headers: { authorization: 'Bearer bench' },
    payload: { write_key: 'wk_bench', currency: 'USD', when: { collections: ['phones'] }, offer: [{ product_id: '410', name: 'Fast charger', price: 40 }, { product_id: '411', name: 'Earbuds', price: 100 }], discount: { percent: 20 }, expires_in_minutes: 15 },
  });
  const template = orders.get('1042');
  const browser = await chromium.launch({
    executablePath: process.env.HOMING_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const runs = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const id = String(90000 + i);
      orders.set(id, { ...template, key: `wc_order_bench${i}` });
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        window.__shift = 0;
        window.__shifted = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            window.__shift += entry.value;
            for (const source of entry.sources) window.__shifted.push(`${source.node?.nodeName ?? '?'}.${source.node?.className ?? ''} at ${Math.round(entry.startTime)} ms`);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${pages.origin}/checkout/order-received/${id}/?key=wc_order_bench${i}`);
      await page.waitForFunction(() => performance.getEntriesByName('homing:upsell-visible').length > 0, null, { timeout: 30_000 });
      const run = await page.evaluate(
        () =>
          new Promise((done) =>
            requestAnimationFrame(() => {
              const [nav] = performance.getEntriesByType('navigation');
              done({ load: nav.loadEventEnd, painted: performance.now(), shift: window.__shift, shifted: window.__shifted });
            }),
          ),
      );
      await context.close();
      if (i > 0) runs.push(run); // the first run warms the collector and the file cache
    }
  } finally {
    await browser.close();
    await collector.close();
    pages.server.close();
  }
  const load = median(runs.map((r) => r.load));
  const visible = median(runs.map((r) => r.painted));
  const result = {
    runs: runs.length,
    cpu_throttling: 4,
    load_event_ms: Math.round(load),
    widget_visible_ms: Math.round(visible),
    widget_after_load_ms: Math.round(median(runs.map((r) => r.painted - r.load))),
    ratio_to_load: Math.round((visible / load) * 100) / 100,
    layout_shift_max: Math.max(...runs.map((r) => r.shift)),
  };
  const shifted = runs.flatMap((r) => r.shifted);
  if (shifted.length) console.log(`layout shifts seen: ${shifted.join('; ')}`);
  console.table(result);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await widgetBench();
