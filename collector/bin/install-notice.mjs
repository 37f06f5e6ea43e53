#!/usr/bin/env node
// Printed before npm builds the collector's dependencies: better-sqlite3 compiles from source when
// no prebuilt binary can be downloaded for this platform and Node version, which takes minutes and
// would otherwise look like a hung install.
console.log(
  [
    'homing-collector: installing. If no prebuilt better-sqlite3 binary can be downloaded, it is',
    'compiled from source now: this takes a few minutes on a first install (about 80 s on 2 cores)',
    'and needs python3, make and a C++ compiler (Debian: apt-get install -y python3 make g++).',
  ].join('\n'),
);
