// Slow-loris: 1,000 connections each sending a POST /v1/batch body one byte per second. Measures
// the collector process's resident memory (VmRSS from /proc, Linux only) before, while all are
// open, and after the collector has cut them off (--request-timeout), and how long they were held.
// HOMING_BENCH_SLOW_CONNECTIONS (default 1000) and HOMING_BENCH_SLOW_TIMEOUT (seconds, default 10).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollectorProcess } from './collector-process.mjs';

const CONNECTIONS = Number(process.env.HOMING_BENCH_SLOW_CONNECTIONS ?? 1000);
const TIMEOUT_S = Number(process.env.HOMING_BENCH_SLOW_TIMEOUT ?? 10);
const BODY_BYTES = 100_000; // announced; only a few bytes ever arrive

function startCollector(databaseUrl) {
  return startCollectorProcess(databaseUrl, ['--request-timeout', String(TIMEOUT_S), '--max-connections', String(CONNECTIONS + 24)], { HOMING_CAMPAIGNS_INTERVAL: '0' });
}

const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function slowClient(port) {
  return new Promise((resolveOpen, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    let openedAt = 0;
    const closed = new Promise((r) => socket.once('close', () => r({ answer, heldMs: Date.now() - openedAt })));
    socket.once('connect', () => {
      openedAt = Date.now();
      socket.write(`POST /v1/batch HTTP/1.1\r\nHost: bench\r\nContent-Type: text/plain\r\nContent-Length: ${BODY_BYTES}\r\n\r\n{`);
      const drip = setInterval(() => socket.write(' '), 1000);
      socket.once('close', () => clearInterval(drip));
      resolveOpen({ socket, closed });
    });
    socket.once('error', reject);
  });
}

export default async function slowBodiesBench() {
  const dir = mkdtempSync(join(tmpdir(), 'homing-bench-slow-'));
  const { child, url } = await startCollector(`sqlite:${join(dir, 'bench.db')}`);
  try {
    const port = Number(new URL(url).port);
    await fetch(`${url}/healthz`);
    const idleMb = rssMb(child.pid);
    const clients = [];
    for (let i = 0; i < CONNECTIONS; i += 100) clients.push(...(await Promise.all(Array.from({ length: Math.min(100, CONNECTIONS - i) }, () => slowClient(port)))));
    await sleep(3000); // every client has dripped a few bytes
    const openMb = rssMb(child.pid);
    const healthy = (await fetch(`${url}/healthz`)).status === 200;
    const answers = await Promise.all(clients.map((c) => c.closed));
    const heldS = Math.round(Math.max(...answers.map((a) => a.heldMs)) / 100) / 10;
    const cutOff408 = answers.filter((a) => a.answer.startsWith('HTTP/1.1 408')).length;
    const afterMb = rssMb(child.pid);
    const result = { connections: CONNECTIONS, requestTimeoutS: TIMEOUT_S, idleRssMb: idleMb, rssWhileOpenMb: openMb, rssAfterCutOffMb: afterMb, longestHeldS: heldS, answered408: cutOff408, healthzWhileOpen: healthy };
    console.log(`${CONNECTIONS} connections sending a body 1 byte/s, --request-timeout ${TIMEOUT_S}\n`);
    console.log('| collector RSS idle | RSS with all open | RSS after cut-off | longest held | answered 408 | /healthz while open |');
    console.log('| ---: | ---: | ---: | ---: | ---: | --- |');
    console.log(`| ${idleMb} MB | ${openMb} MB | ${afterMb} MB | ${heldS} s | ${cutOff408} | ${healthy ? 200 : 'failed'} |`);
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await slowBodiesBench();
