// The collector as its own process for the benchmarks, started as in production (collector/bin, from
// collector/dist/) with the benchmark's write key and admin token; `args` add or override flags.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const bin = join(resolve(import.meta.dirname, '..'), 'collector/bin/homing-collector.mjs');

export function startCollectorProcess(databaseUrl, args = [], env = {}) {
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1', '--database', databaseUrl, '--write-keys', 'wk_bench=*', '--admin-token', 'bench', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HOMING_LOG_LEVEL: 'error', ...env },
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolveStart({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${out}`)));
  });
}
