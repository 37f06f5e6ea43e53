// Real-browser test harness: Debian's Chromium driven by playwright-core, one Node server on
// 127.0.0.1 serving the repository's files (dist/, examples/, test pages) and a recording test
// collector whose behaviour a test can change (answer 500 or 413, refuse the connection).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../..');

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HOMING_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
}

/** Polls `check` until it returns a truthy value; the waiting is on a condition, never a fixed sleep. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeout = 15_000, interval = 25, message = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export type CollectorMode = 'ok' | 'error500' | 'tooLarge413' | 'refuse';

export interface RecordedRequest {
  path: string;
  method: string;
  contentType: string | undefined;
  body: string;
  /** How the request was sent, from Chromium's `Sec-Fetch-Mode` / beacon heuristics. */
  headers: IncomingMessage['headers'];
  answered: number | 'refused';
}

export interface RecordedEvent {
  type: string;
  event?: string;
  messageId: string;
  anonymousId?: string;
  properties?: Record<string, any>;
  traits?: Record<string, any>;
  context?: Record<string, any>;
  timestamp?: string;
  [key: string]: any;
}

/** A collector that records what reached it. Events are kept once per messageId, like the real one. */
export class TestCollector {
  mode: CollectorMode = 'ok';
  /** Answer this many batch requests with `mode`, then go back to 'ok' (undefined: stay). */
  remaining: number | undefined;
  readonly requests: RecordedRequest[] = [];
  readonly events = new Map<string, RecordedEvent>();
  /** Every event delivery including duplicates, in arrival order. */
  readonly deliveries: RecordedEvent[] = [];
  setMode(mode: CollectorMode, { times }: { times?: number } = {}): void {
    this.mode = mode;
    this.remaining = times;
  }

  list(predicate: (e: RecordedEvent) => boolean = () => true): RecordedEvent[] {
    return [...this.events.values()].filter(predicate);
  }

  tracks(name: string): RecordedEvent[] {
    return this.list((e) => e.type === 'track' && e.event === name);
  }

  waitForEvents(predicate: (e: RecordedEvent) => boolean, count = 1, timeout = 15_000): Promise<RecordedEvent[]> {
    return waitFor(() => {
      const found = this.list(predicate);
      return found.length >= count ? found : undefined;
    }, { timeout, message: `${count} matching event(s) at the collector (have ${this.list(predicate).length})` });
  }

  reset(): void {
    this.requests.length = 0;
    this.events.clear();
    this.deliveries.length = 0;
    this.setMode('ok');
  }

  handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const path = (req.url ?? '').split('?')[0];
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-allow-methods': 'POST, OPTIONS',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const mode = this.mode;
    if (this.remaining !== undefined && --this.remaining <= 0) this.setMode('ok');
    const record: RecordedRequest = { path, method: req.method ?? '', contentType: req.headers['content-type'], body, headers: req.headers, answered: 200 };
    this.requests.push(record);
    if (mode === 'refuse') {
      record.answered = 'refused';
      req.socket.destroy();
      return;
    }
    if (mode === 'error500' || mode === 'tooLarge413') {
      record.answered = mode === 'error500' ? 500 : 413;
      res.writeHead(record.answered, { ...cors, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: mode }));
      return;
    }
    let parsed: { batch?: RecordedEvent[] };
    try {
      parsed = JSON.parse(body);
    } catch {
      record.answered = 400;
      res.writeHead(400, cors).end('{"error":"not JSON"}');
      return;
    }
    const batch = Array.isArray(parsed.batch) ? parsed.batch : [];
    let duplicates = 0;
    for (const event of batch) {
      this.deliveries.push(event);
      if (this.events.has(event.messageId)) duplicates++;
      else this.events.set(event.messageId, event);
    }
    res.writeHead(200, { ...cors, 'content-type': 'application/json' });
    res.end(JSON.stringify({ accepted: batch.length - duplicates, duplicates, rejected: [] }));
  }
}

/** Handles a request the test page needs (a fake platform backend, say); returns false to pass. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

export interface TestServer {
  origin: string;
  collector: TestCollector;
  /** Add a handler tried before static files (fake Shopify / WooCommerce backends...). */
  use(handler: RouteHandler): void;
  close(): Promise<void>;
}

export interface ChunkGate {
  /** The chunk was asked for since the gate was last closed. */
  readonly requested: boolean;
  /** Closes the gate: the chunk's request waits until the returned function opens it. */
  hold(): () => void;
}

/** Holds back a lazy chunk (`dist/lazy/<name>.mjs`) while a test keeps it closed: what a page does before it arrives. */
export function gateChunk(server: TestServer, name: string): ChunkGate {
  let held: Promise<void> | undefined;
  let requested = false;
  server.use(async (req) => {
    if (!req.url?.startsWith(`/dist/lazy/${name}.mjs`)) return false;
    requested = true;
    await held;
    return false; // then served as a file
  });
  return {
    get requested() {
      return requested;
    },
    hold() {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      requested = false;
      return () => {
        held = undefined;
        release();
      };
    },
  };
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts the page host + test collector. Static files come from the repository root
 * (`/dist/homing.iife.js`, `/examples/...`, `/test/e2e/pages/...`). The collector answers
 * `/v1/batch` (and any path given in `collectorPaths`).
 */
export async function startTestServer({ collectorPaths = ['/v1/batch'] }: { collectorPaths?: string[] } = {}): Promise<TestServer> {
  const collector = new TestCollector();
  const handlers: RouteHandler[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    try {
      if (collectorPaths.includes(path)) return collector.handle(req, res, body);
      for (const handler of handlers) if (await handler(req, res, body)) return;
      const file = normalize(join(repoRoot, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(repoRoot) || (file.includes('/node_modules/') && !file.includes('/node_modules/jquery/'))) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(await readFile(file));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    collector,
    use: (handler) => handlers.push(handler),
    close: () =>
      new Promise<void>((r) => {
        collector.setMode('ok');
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
