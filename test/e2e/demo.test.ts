// `npm start` as a newcomer meets it: the demo landing page and a store in Chromium, and the
// dashboard (opened with the printed URL) showing the events their clicks produced.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, repoRoot, waitFor } from './harness.js';

let browser: Browser;
let demo: ChildProcess;
let storeUrl: string;
let dashboardUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const database = join(mkdtempSync(join(tmpdir(), 'homing-demo-')), 'demo.db');
  demo = spawn(process.execPath, [join(repoRoot, 'examples/start.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOMING_DATABASE_URL: `sqlite:${database}`, HOMING_ADMIN_TOKEN: '', HOMING_WRITE_KEYS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  demo.stderr!.on('data', (chunk) => (out += chunk));
  await new Promise<void>((resolve, reject) => {
    demo.stdout!.on('data', (chunk) => {
      out += chunk;
      const store = /demo stores\s+(\S+)/.exec(out);
      const dashboard = /dashboard\s+(\S+\?token=\S+)/.exec(out);
      if (store && dashboard) {
        [storeUrl, dashboardUrl] = [store[1], dashboard[1]];
        resolve();
      }
    });
    demo.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
});

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    const exited = new Promise((r) => demo.once('exit', r));
    demo.kill('SIGTERM');
    await exited;
  }
});

async function summary() {
  const url = new URL(dashboardUrl);
  const response = await fetch(`${url.origin}/v1/reports/summary`, { headers: { authorization: `Bearer ${url.searchParams.get('token')}` } });
  return response.json();
}

describe('npm start', () => {
  it('serves the landing page and a store; the dashboard shows the page view and the add to cart', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(storeUrl);
    await waitFor(async () => (await summary()).events.byType.page >= 1, { message: 'the landing page view at the collector' });

    await page.click('#shopify-store');
    await page.click('a[href="/products/classic-mug"]');
    await page.click('#add-to-cart');
    const after = await waitFor(async () => {
      const s = await summary();
      return s.funnel.carts >= 1 && s.topProducts.length >= 1 ? s : undefined;
    }, { message: 'the add to cart at the collector' });
    expect(after.topProducts[0].name).toContain('Classic Mug');

    const dashboard = await context.newPage();
    await dashboard.goto(dashboardUrl);
    expect(Number((await dashboard.textContent('[data-count="carts"]'))?.replace(/,/g, ''))).toBeGreaterThanOrEqual(1);
    expect(Number((await dashboard.textContent('[data-count="events"]'))?.replace(/,/g, ''))).toBeGreaterThanOrEqual(2);
    expect(await dashboard.textContent('body')).toContain('Classic Mug');
    await context.close();
  });
});
