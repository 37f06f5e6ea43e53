import { defineConfig } from 'vitest/config';

// Five kinds of tests, one run, one summary line:
// - unit: browser SDK logic in happy-dom (stores and clocks injected; no IndexedDB there)
// - collector: the collector package (SQLite, and PostgreSQL when HOMING_TEST_PG_URL is set)
// - node: size budgets and what each package's tarball holds
// - plugin: the WordPress plugin's PHP in php-cli (fake WordPress and WooCommerce), its markup read in happy-dom
// - e2e: the real thing in Debian's Chromium (IndexedDB, sendBeacon, real theme code paths)
// Files run one at a time: this is a 2-core machine and browser tests must not fight for it.
export default defineConfig({
  test: {
    fileParallelism: false,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'happy-dom' } },
      { test: { name: 'collector', include: ['collector/test/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'plugin', include: ['test/plugin/**/*.test.ts'], environment: 'happy-dom', testTimeout: 30_000 } },
      { test: { name: 'node', include: ['test/size/**/*.test.ts', 'test/package/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
