// `npm start`: the demo. Starts the collector (from collector/dist/, which `npm install` built) on an
// embedded SQLite file, serves the example stores from examples/ and the SDK from dist/ on the
// same origin, mounts every examples/**/backend.mjs (fake Shopify, WooCommerce... backends), and
// prints the URLs. Flags and variables are the collector's (see `homing-collector --help`).
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist/homing.iife.js')) || !existsSync(join(root, 'collector/dist/index.js'))) {
  console.error('dist/ or collector/dist/ is missing: run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
const { configFromArgs, createCollector, closeOnSignals } = await import('homing-collector');
const { demoStores, campaignStores } = await import('./demo-stores.mjs');
const { lifecycleCampaigns } = await import('./lifecycle-campaigns.mjs');
const { sendWebhooksTo } = await import('./webhooks.mjs');
const { seedOrderHistory, HISTORY_STORE } = await import('./order-history.mjs');

const DEMO_DATABASE = 'sqlite:./.homing/demo.db';
const config = configFromArgs(process.argv.slice(2), {
  HOMING_DATABASE_URL: DEMO_DATABASE,
  HOMING_HOST: '127.0.0.1',
  HOMING_RATE_LIMIT: '0',
  HOMING_OFFERS_RULES_FILE: join(root, 'examples/offer-rules.json'),
  ...process.env,
});
// Campaign links must point at the store, so its URL (and with it the port) is known before the
// collector starts: PORT=0 picks a free port here.
if (!config.port) config.port = await freePort(config.host);
const base = `http://localhost:${config.port}`;
const origins = [base, `http://127.0.0.1:${config.port}`];
// One write key per demo store, allowed for the demo's own origin; `wk_demo` for the landing page and
// the sample pages. The Shopify key also accepts `null`: the origin of Shopify's sandboxed pixel iframe.
if (!Object.keys(config.writeKeys).length) {
  config.writeKeys = { wk_demo: { allowedOrigins: origins } };
  for (const key of Object.keys(demoStores)) config.writeKeys[key] = { allowedOrigins: key === 'wk_shopify' ? [...origins, 'null'] : origins };
}
config.adminToken ||= randomBytes(12).toString('hex');
config.publicUrl = process.env.HOMING_PUBLIC_URL ?? base;
// What the collector must know about each store to text its shoppers (see demo-stores.mjs).
if (!config.env.HOMING_CAMPAIGNS && !config.env.HOMING_CAMPAIGNS_FILE) {
  config.env = { ...config.env, HOMING_CAMPAIGNS: JSON.stringify({ stores: { wk_demo: { url: base, name: 'Homing demo', country: 'IR' }, ...campaignStores(base) }, campaigns: lifecycleCampaigns }) };
  // The demo backends sign their platform webhooks with these stores' secrets, so only then do they send them.
  const host = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  sendWebhooksTo({ collector: `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`, origin: base });
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const mimeTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.php': 'text/plain; charset=utf-8',
};

async function findBackends(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...(await findBackends(path)));
    else if (entry.name === 'backend.mjs') found.push(path);
  }
  return found.sort();
}

const backends = [];
for (const file of await findBackends(join(root, 'examples'))) {
  const handler = (await import(pathToFileURL(file).href)).default;
  if (typeof handler === 'function') backends.push({ name: relative(root, file), handler });
}

/** `/` → examples/index.html, `/dist/x` → dist/x, `/examples/x` and `/x` → examples/x. */
async function serveStatic(path, search, res) {
  if (path === '/') return serveIndex(res);
  // Pages without an icon link (the owner's app, the template editor): the browser asks for this one.
  if (path === '/favicon.ico') path = '/examples/favicon.svg';
  const dir = path.startsWith("/dist/") || path.startsWith("/examples/") ? root : join(root, "examples");
  const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(join(root, 'examples')) && !file.startsWith(join(root, 'dist'))) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info) return false;
  if (info.isDirectory()) {
    res.writeHead(301, { location: `${path}/${search}` }).end();
    return true;
  }
  res.writeHead(200, { 'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  res.end(await readFile(file));
  return true;
}

// The campaign clock: a day and a half or more after now (a cart left today is "abandoned" then),
// at noon on this machine's clock, outside the default quiet hours (21:00-09:00) of a shopper whose
// browser is in the same time zone.
const asOf = new Date();
asOf.setDate(asOf.getDate() + 2);
asOf.setHours(12, 0, 0, 0);
const asOfIso = asOf.toISOString().replace(/\.000Z$/, 'Z');
const runClock = `curl -X POST -H "Authorization: Bearer ${config.adminToken}" "${base}/v1/campaigns/run?asOf=${asOfIso}"`;
// The messages it sends are dated then; the Outbox's default range (up to today) also lists what is dated later.
const outboxPath = '/app/outbox?store=all';

// The landing page links the owner's app with the admin token in it: fine for a demo on your own
// machine, never for a collector others can reach.
async function serveIndex(res) {
  const token = `token=${encodeURIComponent(config.adminToken)}`;
  const html = (await readFile(join(root, 'examples/index.html'), 'utf8')).replaceAll('{{appUrl}}', `/app?${token}`).replaceAll('{{outboxUrl}}', `${outboxPath}&${token}`).replaceAll('{{runClock}}', runClock.replaceAll('&', '&amp;').replaceAll('"', '&quot;'));
  res.writeHead(200, { 'content-type': mimeTypes['.html'], 'cache-control': 'no-store' }).end(html);
  return true;
}

const collectorPath = /^\/(v1\/|beacon\/|app(\/|$)|dashboard|login|logout|healthz|metrics|r\/|s\/|u\/|review\/|campaigns\/)/;
const app = await createCollector({
  config,
  logger: { level: process.env.HOMING_LOG_LEVEL ?? 'warn' },
  serverFactory: (route) =>
    createServer(async (req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      if (collectorPath.test(path)) return route(req, res);
      try {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const body = Buffer.concat(chunks).toString('utf8');
        for (const { handler } of backends) if (await handler(req, res, body)) return;
        const search = /\?.*/.exec(req.url ?? '')?.[0] ?? '';
        if (req.method === 'GET' || req.method === 'HEAD') if (await serveStatic(path, search, res)) return;
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      } catch (error) {
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('demo server error');
      }
    }),
});
closeOnSignals(app);
// Made-up past orders for the retention report, only in the demo's own database (never one named
// with --database or HOMING_DATABASE_URL, which may hold a real store's orders).
const seeded = config.databaseUrl === DEMO_DATABASE && Object.hasOwn(config.writeKeys, HISTORY_STORE);
if (seeded) await seedOrderHistory(app.homing.db);
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${config.port} is in use: start with PORT=<another port> npm start`);
  await app.close();
  process.exit(1);
}
console.log(`
Homing demo is running (${app.homing.db.dialect}: ${config.databaseUrl})

  demo stores   ${base}/
  owner app     ${base}/app?token=${config.adminToken}
  write keys    ${Object.keys(config.writeKeys).join(', ')}
  backends      ${backends.map((b) => b.name).join(', ') || 'none'}

Try this:
  1. Open a store (${base}/), add to cart, and at checkout type a phone number and tick "Text me about my order and offers"; then leave.
  2. Run the campaign clock two days ahead: ${runClock}
  3. Open the SMS link in the owner app's Outbox (${base}${outboxPath}&token=${encodeURIComponent(config.adminToken)}): your cart is back with the code; order it, and the app's Overview counts it as recovered.
${seeded ? `\nAlso: 18 months of the Tea House's made-up past orders in the owner app's Retention screen (${base}/app/retention?store=${HISTORY_STORE}).\n` : ''}
Stop with Ctrl+C.`);
