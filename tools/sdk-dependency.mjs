// The collector takes the wire contract from the SDK package. In this repository that is the
// workspace root (`"homing": "file:.."`), a path that means nothing once the collector is
// published. npm packs the package.json as it is after `prepack`, so `prepack` names the SDK by
// the version released beside it and `postpack` puts the workspace path back.
// Usage: node tools/sdk-dependency.mjs pin|unpin (run in collector/ by its prepack/postpack).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const WORKSPACE = 'file:..';
const manifestPath = resolve('package.json');
const text = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(text);
const sdkVersion = JSON.parse(readFileSync(resolve('../package.json'), 'utf8')).version;

const mode = process.argv[2];
if (mode !== 'pin' && mode !== 'unpin') {
  console.error('usage: node tools/sdk-dependency.mjs pin|unpin');
  process.exit(2);
}
manifest.dependencies.homing = mode === 'pin' ? `^${sdkVersion}` : WORKSPACE;
const indent = text.match(/^[ \t]+/m)?.[0] ?? '  ';
// Written aside and renamed, so nothing reading the manifest meanwhile sees half a file.
writeFileSync(`${manifestPath}.tmp`, `${JSON.stringify(manifest, null, indent)}\n`);
renameSync(`${manifestPath}.tmp`, manifestPath);
