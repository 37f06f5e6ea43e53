// What `npm install homing` and `npm install homing-collector` would bring: each tarball holds its
// own package only, and the SDK brings no server code or dependency into a theme's build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function packedFiles(dir: string): string[] {
  // --ignore-scripts: list what is there (the test run has just built it) without building again.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
}

const SERVER_PACKAGES = ['fastify', 'better-sqlite3', 'pg', 'libphonenumber-js', 'prom-client', 'ajv', 'ajv-formats', '@sinclair/typebox', 'homing-collector'];

describe('the SDK package (homing)', () => {
  const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

  it('depends at runtime on browser libraries only', () => {
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['idb-keyval', 'nanoid', 'web-vitals']);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
      for (const name of SERVER_PACKAGES) expect(manifest[field]?.[name], `${field}.${name}`).toBeUndefined();
    }
    expect(manifest.bin).toBeUndefined();
  });

  it('packs the built browser files and the README, nothing server-side', () => {
    const files = packedFiles(root);
    expect(files).toContain('dist/homing.iife.js');
    expect(files).toContain('dist/protocol.mjs');
    expect(files).toContain('README.md');
    const strays = files.filter((f) => !(f.startsWith('dist/') || f === 'README.md' || f === 'package.json' || f === 'LICENSE'));
    expect(strays).toEqual([]);
    expect(files.filter((f) => /collector|sqlite|postgres|examples\//i.test(f))).toEqual([]);
  });

  it('ships a protocol module with no import of a server package', () => {
    const protocol = readFileSync(resolve(root, 'dist/protocol.mjs'), 'utf8');
    const imports = [...protocol.matchAll(/^import .* from ['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(imports).toEqual([]);
  });
});

describe('the collector package (homing-collector)', () => {
  const dir = resolve(root, 'collector');
  const manifest = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8'));

  it('packs its built server, its bin and README, and no tests or sources', () => {
    const files = packedFiles(dir);
    expect(files).toContain('bin/homing-collector.mjs');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('README.md');
    expect(files.filter((f) => !(f.startsWith('dist/') || f.startsWith('bin/') || f === 'README.md' || f === 'package.json'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('takes the wire contract from the SDK package instead of a copy', () => {
    expect(manifest.dependencies.homing).toBe('file:..');
    expect(manifest.bin['homing-collector']).toBe('./bin/homing-collector.mjs');
  });

  it('names the SDK by its released version in the packed package.json, not by the workspace path', () => {
    // `file:..` would point a registry install at the folder above node_modules/homing-collector.
    const out = mkdtempSync(join(tmpdir(), 'homing-pack-'));
    try {
      execFileSync('npm', ['pack', '--pack-destination', out], { cwd: dir, stdio: 'ignore' });
      const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'))!;
      const packed = JSON.parse(execFileSync('tar', ['-xzOf', join(out, tarball), 'package/package.json'], { encoding: 'utf8' }));
      const sdkVersion = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;
      expect(packed.dependencies.homing).toBe(`^${sdkVersion}`);
      // …and the working copy is left as it was, so the workspace install keeps linking the SDK.
      expect(JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')).dependencies.homing).toBe('file:..');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
