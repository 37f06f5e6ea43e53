// The phone prompt's name and the page's language, end to end on the demo (`npm start`) in Chromium:
// an English browser on the Persian store (`<html lang="fa">`, no data-locale on the script tag)
// leaves a first name and a consenting number in the prompt, goes away, and the campaign clock's SMS
// greets them by that name, in Persian.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, waitFor } from './harness.js';
import { consentAt, startDemo, type Demo } from './demo-server.js';
import { testStores } from '../../collector/test/stores.js';
import { openDatabase, type ClosableSql } from '../../collector/src/db/open.js';

let browser: Browser;
let context: BrowserContext;
let demo: Demo;
let db: ClosableSql;

beforeAll(async () => {
  const databaseUrl = testStores[0]!.fresh(); // SQLite: the languages and names are the collector's, tested on both stores there
  [browser, demo] = await Promise.all([launchBrowser(), startDemo({ HOMING_DATABASE_URL: databaseUrl, HOMING_CAMPAIGNS_INTERVAL: '0' })]);
  db = await openDatabase(databaseUrl);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await db?.close();
  await demo?.close();
});

describe('the phone prompt on a Persian store, from an English browser', () => {
  it('the name typed into the prompt greets the shopper in a Persian SMS', async () => {
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${demo.base}/examples/plain/fa.html`);
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.click('#add-tea');
    const prompt = page.locator('homing-phone-prompt');
    await prompt.locator('[role=dialog]').waitFor();
    await prompt.getByLabel('شماره موبایل').fill('0912 444 5566');
    await prompt.getByLabel('نام (اختیاری)').fill('سارا');
    await prompt.getByLabel('بله، درباره سبد خریدم پیامک بفرستید').check();
    await prompt.locator('.save').click();
    await prompt.locator('[role=status]').waitFor();
    await waitFor(async () => (await db.query('SELECT 1 FROM campaigns_shoppers WHERE prompt_name IS NOT NULL')).length > 0, { message: 'the prompt name at the collector' });
    await consentAt(db, '+989124445566');
    await page.close();

    const run = await demo.admin(new URL(demo.runUrl).pathname + new URL(demo.runUrl).search, { method: 'POST' });
    expect(run.sent, JSON.stringify(run)).toBe(1);
    const { messages } = await demo.admin<{ messages: { phone: string; body: string }[] }>('/v1/campaigns/outbox?state=sent');
    expect(messages.map((m) => m.phone)).toEqual(['+989124445566']);
    expect(messages[0]!.body).toMatch(/^سارا عزیز، سبد خریدتان منتظر شماست\./);
  });
});
