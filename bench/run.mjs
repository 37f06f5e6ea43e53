// `npm run bench`: runs every bench/*.bench.mjs in turn (each prints its own table) and
// writes the combined results to bench/results/latest.json. Numbers are ratios against a
// baseline measured in the same run, or rates: absolute times drift on shared machines.
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.mjs') && (!only.length || only.some((o) => f.includes(o)))).sort();
const results = {};
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.mjs', '')}\n`);
  const mod = await import(join(dir, file));
  results[file] = await mod.default();
}
mkdirSync(join(dir, 'results'), { recursive: true });
writeFileSync(join(dir, 'results', 'latest.json'), JSON.stringify(results, null, 2));
console.log(`\nwritten bench/results/latest.json`);
