#!/usr/bin/env node
// Printed before npm builds the collector's dependencies when it is installed from the registry:
// better-sqlite3 compiles from source when no prebuilt binary can be downloaded for this platform
// and Node version, which takes minutes and would otherwise look like a hung install. (Inside this
// repository npm runs a workspace's scripts after its dependencies are built, so there the root's
// tools/install-notice prints the line instead and this one stays quiet.)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let built = false;
try {
  const sqlite = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  built = existsSync(join(sqlite, 'build/Release/better_sqlite3.node'));
} catch {
  // not installed yet: this is the preinstall of a fresh install
}
if (!built) {
  console.log(
    [
      'homing-collector: installing. If no prebuilt better-sqlite3 binary can be downloaded, it is',
      'compiled from source now: this takes a few minutes on a first install (about 80 s on 2 cores)',
      'and needs python3, make and a C++ compiler (Debian: apt-get install -y python3 make g++).',
    ].join('\n'),
  );
}
