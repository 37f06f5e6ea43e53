// A real collector process for the attack tests: the published bin, started with flags and
// environment like an operator would, on a fresh SQLite file or PostgreSQL schema. The attack
// tests talk to it over HTTP only, as an attacker on the internet would.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import type { TestStore } from '../stores.js';

export const BIN = resolve(import.meta.dirname, '../../bin/homing-collector.mjs');
export const ATTACK_KEY = 'wk_shop';
export const ATTACK_ORIGIN = 'https://shop.example';
export const ATTACK_ADMIN = 'admin-token-for-attack-tests';

export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  databaseUrl: string;
  /** Everything the process wrote to stdout and stderr so far (for log-redaction checks). */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

export interface StartOptions {
  /** Extra flags, after the defaults (so they win). */
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Default: `wk_shop=https://shop.example`. */
  writeKeys?: string;
  adminToken?: string;
  logLevel?: string;
  databaseUrl?: string;
}

export async function startCollectorProcess(store: TestStore, options: StartOptions = {}): Promise<CollectorProcess> {
  const databaseUrl = options.databaseUrl ?? store.fresh();
  const args = [
    BIN,
    '--port', '0',
    '--host', '127.0.0.1',
    '--database', databaseUrl,
    '--write-keys', options.writeKeys ?? `${ATTACK_KEY}=${ATTACK_ORIGIN}`,
    '--admin-token', options.adminToken ?? ATTACK_ADMIN,
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOMING_LOG_LEVEL: options.logLevel ?? 'warn', ...options.env },
  });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolveUrl(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${out}`)));
  });
  return {
    child,
    url,
    databaseUrl,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Exits with a code instead of listening (configuration mistakes): the code and everything printed. */
export async function runCollectorToExit(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { code, output };
}
