// `npm start`: the demo. Starts the collector (from collector/dist/, which `npm install` built) on an
// embedded SQLite file, serves the example stores from examples/ and the SDK from dist/ on the
// same origin, mounts every examples/**/backend.mjs (fake Shopify, WooCommerce... backends), and
// prints the URLs. Flags and variables are the collector's (see `homing-collector --help`).
import { createServer } from 'node:http';
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

const config = configFromArgs(process.argv.slice(2), {
  HOMING_DATABASE_URL: 'sqlite:./.homing/demo.db',
  HOMING_HOST: '127.0.0.1',
  HOMING_RATE_LIMIT: '0',
  HOMING_OFFERS_RULES_FILE: join(root, 'examples/woocommerce/order-received/offer-rules.json'),
  ...process.env,
});
// The demo key is allowed for the demo's own origin (filled in once the port is known).
const origins = [];
if (!Object.keys(config.writeKeys).length) config.writeKeys = { wk_demo: { allowedOrigins: origins } };
config.adminToken ||= randomBytes(12).toString('hex');
// Campaign messages link back to the demo stores on this origin: a store's URL is configuration
// (never taken from events), so the port must be known before the collector starts.
if (!config.port) config.port = await new Promise((done) => {
  const probe = createServer().listen(0, config.host, () => {
    const { port } = probe.address();
    probe.close(() => done(port));
  });
});
config.env.HOMING_CAMPAIGNS ??= JSON.stringify({
  stores: Object.fromEntries(Object.keys(config.writeKeys).map((key) => [key, { url: `http://localhost:${config.port}`, countries: ['IR', 'US', 'GB', 'DE', 'AE', 'IL'] }])),
});

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
async function serveStatic(path, res) {
  const base = path.startsWith('/dist/') ? root : path.startsWith('/examples/') ? root : join(root, 'examples');
  const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(join(root, 'examples')) && !file.startsWith(join(root, 'dist'))) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info) return false;
  if (info.isDirectory()) {
    res.writeHead(301, { location: `${path}/` }).end();
    return true;
  }
  res.writeHead(200, { 'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  res.end(await readFile(file));
  return true;
}

const collectorPath = /^\/(v1\/|beacon\/|dashboard|login|logout|healthz|metrics|r\/|s\/|campaigns\/)/;
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
        if (req.method === 'GET' || req.method === 'HEAD') if (await serveStatic(path, res)) return;
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      } catch (error) {
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('demo server error');
      }
    }),
});
closeOnSignals(app);
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${config.port} is in use: start with PORT=<another port> npm start`);
  await app.close();
  process.exit(1);
}
const { port } = app.server.address();
origins.push(`http://localhost:${port}`, `http://127.0.0.1:${port}`);
const base = `http://localhost:${port}`;
app.homing.ctx.config.publicUrl = process.env.HOMING_PUBLIC_URL ?? base;
console.log(`
Homing demo is running (${app.homing.db.dialect}: ${config.databaseUrl})

  demo stores   ${base}/
  dashboard     ${base}/dashboard?token=${config.adminToken}
  write key     ${Object.keys(config.writeKeys).join(', ')}
  backends      ${backends.map((b) => b.name).join(', ') || 'none'}

Stop with Ctrl+C.`);
