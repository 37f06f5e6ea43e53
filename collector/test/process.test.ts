// The collector as a real process: an acknowledged event survives kill -9, and SIGTERM lets
// in-flight requests finish before the process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import pg from 'pg';
import Database from 'better-sqlite3';
import { dropTestSchemas, testStores } from './stores.js';
import { waitFor } from '../../test/e2e/harness.js';

afterAll(dropTestSchemas);

const bin = resolve(import.meta.dirname, '../bin/homing-collector.mjs');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1', '--database', databaseUrl, '--write-keys', 'wk_p=*', '--admin-token', 't'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOMING_LOG_LEVEL: 'warn' },
  });
  children.push(child);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolveUrl(match[1]);
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${out}`)));
  });
  return { child, url, exited };
}

async function countEvents(databaseUrl: string, messageId: string): Promise<number> {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice(7));
    try {
      return (db.prepare('SELECT count(*) AS n FROM events WHERE message_id = ?').get(messageId) as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const parsed = new URL(databaseUrl);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${schema}.events WHERE message_id = $1`, [messageId]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

const event = () => ({ type: 'track', event: 'Custom', messageId: nanoid(), anonymousId: 'a', timestamp: new Date().toISOString() });

describe.each(testStores)('collector process on $name', (store) => {
  it('keeps an event acknowledged with 200 after kill -9, and serves it after a restart', async () => {
    const databaseUrl = store.fresh();
    const first = await startProcess(databaseUrl);
    const e = event();
    const response = await fetch(`${first.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey: 'wk_p', batch: [e] }) });
    expect(response.status).toBe(200);
    expect((await response.json()).accepted).toBe(1);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await countEvents(databaseUrl, e.messageId)).toBe(1);
    const second = await startProcess(databaseUrl);
    const again = await fetch(`${second.url}/v1/batch`, { method: 'POST', body: JSON.stringify({ writeKey: 'wk_p', batch: [e] }) });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('finishes a request still in flight when SIGTERM arrives, then exits', async () => {
    const databaseUrl = store.fresh();
    const { child, url, exited } = await startProcess(databaseUrl);
    const e = event();
    const body = JSON.stringify({ writeKey: 'wk_p', batch: [e] });
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const closed = new Promise((r) => socket.once('close', r));
    // Node answers `100 Continue` once it has parsed the headers: the request is then in flight.
    socket.write(`POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
    await waitFor(() => answer.includes('100 Continue'), { message: '100 Continue' });
    child.kill('SIGTERM');
    socket.write(body);
    await closed;
    expect(answer).toMatch(/HTTP\/1\.1 200 OK/);
    expect(await exited).toBe(0);
    expect(await countEvents(databaseUrl, e.messageId)).toBe(1);
  });
});
