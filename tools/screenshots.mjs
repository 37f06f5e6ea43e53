// `npm run screenshots`: every screen of the owner's app, on a laptop (1280 px) and a phone
// (390 px), in English and Persian, into docs/screenshots/. Starts a collector with made-up
// shoppers (app-demo.mjs), signs in through the form, then follows the navigation, so a screen
// added to it is photographed too. Needs `npm run build` first and Chromium (HOMING_CHROMIUM,
// default /usr/bin/chromium).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoCollector } from './app-demo.mjs';

const out = resolve(import.meta.dirname, '../docs/screenshots');
const MAX_HEIGHT = 1600;
const runs = [
  { lang: 'en', timezoneId: 'Europe/Berlin', store: 'wk_plain' },
  { lang: 'fa', timezoneId: 'Asia/Tehran', store: 'wk_fa' },
];
const widths = [1280, 390];

const demo = await startDemoCollector();
const browser = await chromium.launch({ executablePath: process.env.HOMING_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (file.endsWith('.png')) rmSync(join(out, file));
let count = 0;
try {
  for (const run of runs) {
    for (const width of widths) {
      const context = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 }, locale: run.lang, timezoneId: run.timezoneId, deviceScaleFactor: 1 });
      const host = new URL(demo.url).hostname;
      await context.addCookies([
        { name: 'homing_tz', value: encodeURIComponent(run.timezoneId), domain: host, path: '/' },
        { name: 'homing_lang', value: run.lang, domain: host, path: '/' },
      ]);
      const page = await context.newPage();
      const shot = async (name) => {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: join(out, `${run.lang}-${width}-${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) } });
        count++;
      };
      await page.goto(`${demo.url}/app?store=${run.store}`);
      await shot('sign-in');
      await page.fill('#token', demo.token);
      await Promise.all([page.waitForURL(/\/app/), page.click('button[type=submit]')]);
      const links = await page.$$eval('nav.main a', (as) => as.map((a) => ({ href: a.href, id: new URL(a.href).pathname.replace(/^\/app\/?/, '') || 'overview' })));
      for (const link of links) {
        const response = await page.goto(link.href);
        if (!response || response.status() === 404) continue; // a screen not built yet
        await shot(link.id);
        if (link.id === 'carts') {
          const timeline = await page.$('a[href*="/app/shopper"]');
          if (timeline) {
            await page.goto(await timeline.evaluate((a) => a.href));
            await shot('shopper');
          }
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.close();
}
console.log(`${count} screenshots in ${out}`);
