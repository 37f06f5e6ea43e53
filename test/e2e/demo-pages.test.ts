// Every page of the demo (`npm start`) a visitor can reach by clicking from the landing page, on a
// 390 px phone in Chromium: none logs an error or fails to load an asset, every store page has the
// demo's icon and no sideways scroll, and the Persian, Arabic and Hebrew pages are right to left and
// in their language throughout (no English words left; Persian pages with Persian digits).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness.js';
import { notInLanguage, pageProblems, startDemo, type Demo } from './demo-server.js';

let browser: Browser;
let demo: Demo;

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchBrowser(), startDemo({ HOMING_CAMPAIGNS_INTERVAL: '0' })]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** The owner's app and the template editor are the collector's pages: visited, not crawled. */
const collectorPage = (path: string) => /^\/(app|campaigns|login|logout)(\/|$|\?)/.test(path);

interface Seen {
  path: string;
  lang: string;
  dir: string;
  icon: boolean;
  /** How far the page scrolls sideways, in px. */
  sideways: number;
  text: string;
  links: string[];
}

async function look(page: Page): Promise<Omit<Seen, 'path'>> {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    icon: Boolean(document.querySelector('link[rel~="icon"]')),
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    text: document.body.innerText,
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
  }));
}

describe('the demo pages', () => {
  let context: BrowserContext;
  let problems: string[];
  const seen: Seen[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    problems = pageProblems(context);
    const origin = new URL(demo.base).origin;
    const queue = ['/'];
    const queued = new Set(queue);
    while (queue.length) {
      const path = queue.shift()!;
      const page = await context.newPage();
      await page.goto(new URL(path, demo.base).href, { waitUntil: 'networkidle' });
      const found = await look(page);
      await page.close();
      seen.push({ path, ...found });
      if (collectorPage(path)) continue;
      for (const href of found.links) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        const next = url.pathname + url.search;
        if (!queued.has(next) && !/^\/(logout)/.test(next)) {
          queued.add(next);
          queue.push(next);
        }
      }
    }
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('reaches every store, the pixel sandbox, the order-received samples and the owner\'s app from the landing page', () => {
    const paths = seen.map((s) => s.path);
    for (const path of ['/collections/all', '/examples/woocommerce/shop/', '/examples/woocommerce/blocks/', '/examples/plain/', '/examples/plain/fa.html', '/examples/plain/he.html', '/examples/shopify/pixel/sandbox.html', '/checkout/order-received/1043/?key=wc_order_9Qa2demo&lang=fa'])
      expect(paths, path).toContain(path);
    expect(paths.some((path) => path.startsWith('/app?'))).toBe(true);
    expect(paths.some((path) => path.startsWith('/app/outbox?'))).toBe(true);
  });

  it('loads every page without an error in the console or a failed request', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('gives every store page the demo\'s icon and no sideways scroll on a 390 px phone', () => {
    const storePages = seen.filter((s) => !collectorPage(s.path));
    expect(storePages.filter((s) => !s.icon).map((s) => s.path)).toEqual([]);
    expect(storePages.filter((s) => s.sideways > 0).map((s) => `${s.path}: ${s.sideways}px`)).toEqual([]);
  });

  it('keeps the Persian, Arabic and Hebrew pages right to left and in their language', () => {
    const rtl = seen.filter((s) => ['fa', 'ar', 'he'].includes(s.lang) && !collectorPage(s.path));
    expect(rtl.map((s) => s.path)).toEqual(expect.arrayContaining(['/examples/plain/fa.html', '/examples/plain/fa/cart', '/examples/plain/he.html', '/examples/plain/he/cart', '/checkout/order-received/1043/?key=wc_order_9Qa2demo&lang=fa']));
    for (const page of rtl) {
      expect(page.dir, page.path).toBe('rtl');
      expect(notInLanguage(page.text, page.lang), page.path).toEqual([]);
    }
  });
});
