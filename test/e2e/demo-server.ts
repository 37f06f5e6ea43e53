// `npm start` as a newcomer runs it: examples/start.mjs in its own process, on a free port and a
// temporary SQLite file, with the URLs and the campaign-clock command read from what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import type { BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, waitFor } from './harness.js';
import type { ClosableSql } from '../../collector/src/db/open.js';

export interface Demo {
  /** `http://localhost:<port>` */
  base: string;
  appUrl: string;
  token: string;
  /** The campaign clock URL from the printed curl command (`POST /v1/campaigns/run?asOf=...`). */
  runUrl: string;
  /** The owner app's Outbox as the walk-through prints it (a range that shows what the clock sent). */
  outboxUrl: string;
  /** What `npm start` printed, up to its walk-through. */
  printed: string;
  /** An admin API call with the token. */
  admin<T = any>(path: string, init?: RequestInit): Promise<T>;
  close(): Promise<void>;
}

export async function startDemo(env: Record<string, string> = {}): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'homing-demo-'));
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'examples/start.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOMING_DATABASE_URL: `sqlite:${join(dir, 'demo.db')}`, HOMING_ADMIN_TOKEN: '', HOMING_WRITE_KEYS: '', HOMING_CAMPAIGNS: '', HOMING_CAMPAIGNS_FILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (chunk) => (out += chunk));
  const printed = await new Promise<RegExpExecArray[]>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = [/demo stores\s+(\S+?)\/?\s/.exec(out), /owner app\s+(\S+\?token=(\S+))/.exec(out), /curl -X POST .*"(http\S+\/v1\/campaigns\/run\?asOf=\S+)"/.exec(out), /Outbox \((http\S+\/app\/outbox\?\S+)\)/.exec(out)];
      if (found.every(Boolean)) resolve(found as RegExpExecArray[]);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
  const [[, base], [, appUrl, token], [, runUrl], [, outboxUrl]] = printed as [RegExpExecArray, RegExpExecArray, RegExpExecArray, RegExpExecArray];
  return {
    base: base!,
    appUrl: appUrl!,
    token: token!,
    runUrl: runUrl!,
    outboxUrl: outboxUrl!,
    printed: out,
    async admin(path, init = {}) {
      const response = await fetch(new URL(path, base), { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until every shopper the demo's collector knows with this phone (browser or checkout webhook)
 * has said yes to texts. A platform's checkout webhooks come a moment after the page: the first,
 * saved before the box was ticked, says no until the next one says yes.
 */
export async function consentAt(db: Pick<ClosableSql, 'query'>, phone: string): Promise<void> {
  await waitFor(async () => {
    const rows = await db.query<{ phone_consent: number | null }>('SELECT phone_consent FROM identities WHERE phone = $1', [phone]);
    return rows.length > 0 && rows.every((row) => row.phone_consent === 1);
  }, { message: `consent for ${phone} at the collector` });
}

/**
 * What a shopper or owner would see go wrong on the demo's pages in `context`: an uncaught error, a
 * console error (a failed asset load is one), a warning of Homing's (a rejected event), an answer
 * of 400 or more. Read it at the end of a test: it should be empty.
 */
export function pageProblems(context: BrowserContext): string[] {
  const problems: string[] = [];
  context.on('weberror', (error) => problems.push(`uncaught on ${error.page()?.url()}: ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error' || (message.type() === 'warning' && message.text().startsWith('homing'))) problems.push(`console.${message.type()} on ${message.page()?.url()}: ${message.text()}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

/**
 * What in a Persian, Arabic or Hebrew page's text is not in its language: English words (two
 * letters or more) and, on a Persian page, Latin digits. An e-mail address (the shopper's own) and
 * the discount codes (Latin in every store) are left out.
 */
export function notInLanguage(text: string, lang: string, codes: string[] = []): string[] {
  let rest = text.replace(/\S+@\S+/g, '');
  for (const code of codes) rest = rest.replaceAll(code, '');
  return [...(rest.match(/[A-Za-z]{2,}/g) ?? []), ...(lang === 'fa' ? rest.match(/[0-9]+/g) ?? [] : [])];
}
