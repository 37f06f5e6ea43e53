// A real WordPress for the plugin: WordPress 6.5 and the SQLite Database Integration plugin from the
// npm package @wp-playground/wordpress-builds (the same PHP files as wordpress.org's, fetched into
// .cache/wordpress-builds by tools/wordpress-builds.sh, nothing fetched at run time), served by Debian's php-cli (`php -S`, pdo_sqlite from php-sqlite3) on a free port of
// 127.0.0.1. The site lives in a temporary folder (its database file included) removed by stop().
// WooCommerce is the test double of fake-woocommerce.php, installed as the plugin `woocommerce`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe } from 'vitest';
import { waitFor } from '../e2e/harness.js';

const here = import.meta.dirname;
const pluginDir = join(here, '../../examples/woocommerce/plugin');

function findBuilds(): string | null {
  const cached = join(here, '../../.cache/wordpress-builds');
  if (existsSync(join(cached, 'package.json'))) return cached;
  try {
    return dirname(createRequire(import.meta.url).resolve('@wp-playground/wordpress-builds/package.json'));
  } catch {
    return null;
  }
}
const builds = findBuilds();
const sqlite = spawnSync('php', ['-r', "exit(extension_loaded('pdo_sqlite') ? 0 : 1);"]).status === 0;
const missing = [!sqlite && 'php-cli with pdo_sqlite (apt-get install php-cli php-sqlite3)', !builds && 'the WordPress builds (run tools/wordpress-builds.sh)'].filter(Boolean);
if (missing.length && !process.env.CI) console.warn(`Real WordPress tests skipped: missing ${missing.join(' and ')}`);
/** Skipped locally with the reason when the stack is missing; in CI it must run (and fails without it). */
export const describeWordPress: typeof describe = missing.length === 0 || process.env.CI ? describe : (describe.skip as typeof describe);

export interface Response {
  status: number;
  location: string;
  body: string;
}

/** One browser's worth of cookies: a visitor, or a user once logIn() has succeeded. */
export class Session {
  private readonly cookies = new Map<string, string>([['wordpress_test_cookie', 'WP Cookie check']]);
  constructor(readonly site: WordPressSite) {}

  get(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.send('POST', path, new URLSearchParams(form).toString());
  }

  /** Through wp-login.php, as a person would. */
  async logIn(login: string, password: string): Promise<void> {
    const res = await this.post('/wp-login.php', { log: login, pwd: password, 'wp-submit': 'Log In', testcookie: '1' });
    if (res.status !== 302) throw new Error(`could not log in as ${login}: ${res.status} ${res.body.slice(0, 500)}`);
  }

  private send(method: string, path: string, body?: string): Promise<Response> {
    const url = new URL(path, this.site.url);
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        for (const cookie of res.headers['set-cookie'] ?? []) {
          const [pair] = cookie.split(';');
          const eq = pair!.indexOf('=');
          const [name, value] = [pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()];
          if (/expires=Thu, 01-Jan-1970|Max-Age=0/i.test(cookie) || value === 'deleted') this.cookies.delete(name);
          else this.cookies.set(name, value);
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

export interface WordPressSite {
  url: string;
  dir: string;
  users: Record<'admin' | 'manager' | 'customer', number>;
  /** PHP run inside the site as one request (plugins loaded, `init` done), as the given user. */
  php<T = unknown>(code: string, user?: number): { result: T; output: string };
  /** PHP errors, warnings, notices and deprecations logged while the site ran. */
  debugLog(): string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function unzipInto(zip: string, target: string, strip = '') {
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (!name.startsWith(strip) || name.endsWith('/')) continue;
    const file = join(target, name.slice(strip.length));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
}

function wpConfig(url: string, debugLog: string): string {
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  return `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', '' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '' );
define( 'DB_CHARSET', 'utf8' );
define( 'DB_COLLATE', '' );
define( 'DB_DIR', __DIR__ . '/wp-content/database/' );
define( 'DB_FILE', '.ht.sqlite' );
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
${salts.map((name) => `define( '${name}', '${name.toLowerCase()}-${Math.random().toString(36).slice(2)}' );`).join('\n')}
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '${debugLog}' );
define( 'WP_DEBUG_DISPLAY', false );
// Nothing leaves the machine: no cron requests, no update checks, no calls to wordpress.org.
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

function runPhp(script: string, dir: string, url: string, input = '') {
  // Compiled scripts are kept on disk between these short-lived processes: each loads all of WordPress.
  const opcache = ['-d', 'opcache.enable_cli=1', '-d', `opcache.file_cache=${join(dir, '.opcache')}`, '-d', 'opcache.file_cache_only=1'];
  mkdirSync(join(dir, '.opcache'), { recursive: true });
  const result = spawnSync('php', ['-d', 'display_errors=stderr', ...opcache, join(here, 'wordpress-site', script), dir], { input, encoding: 'utf8', env: { ...process.env, HOMING_WP_URL: url } });
  if (result.status !== 0 || result.stderr) throw new Error(`${script} failed (${result.status}): ${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

/** Unpacks, configures and installs WordPress, then serves it; the plugin is copied in, not activated. */
/** WordPress versions the npm package carries that the plugin supports: its minimum and the newest. */
export const wordpressVersions = ['6.3', '6.5'] as const;

export async function startWordPress(version: (typeof wordpressVersions)[number]): Promise<WordPressSite> {
  if (missing.length) throw new Error(`cannot start WordPress: missing ${missing.join(' and ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'homing-wordpress-'));
  let server: ChildProcess | undefined;
  const stop = () => {
    process.off('exit', stop);
    if (server && server.exitCode === null) server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without afterAll (a crash, a timeout) leaves no server behind either.
  process.once('exit', stop);
  try {
    unzipInto(join(builds!, `src/wordpress/wp-${version}.zip`), dir);
    // The build's ready-made database and config are Playground's: this site makes its own.
    rmSync(join(dir, 'wp-content/database/.ht.sqlite'), { force: true });
    const plugins = join(dir, 'wp-content/plugins');
    unzipInto(join(builds!, 'src/sqlite-database-integration/sqlite-database-integration.zip'), join(plugins, 'sqlite-database-integration'), 'sqlite-database-integration-main/');
    const dropIn = readFileSync(join(plugins, 'sqlite-database-integration/db.copy'), 'utf8')
      .replace('{SQLITE_IMPLEMENTATION_FOLDER_PATH}', join(plugins, 'sqlite-database-integration'))
      .replace('{SQLITE_PLUGIN}', 'sqlite-database-integration/load.php');
    writeFileSync(join(dir, 'wp-content/db.php'), dropIn);
    cpSync(pluginDir, join(plugins, 'homing'), { recursive: true });
    mkdirSync(join(plugins, 'woocommerce'));
    cpSync(join(here, 'wordpress-site/woocommerce.php'), join(plugins, 'woocommerce/woocommerce.php'));
    cpSync(join(here, 'fake-woocommerce.php'), join(plugins, 'woocommerce/fake-woocommerce.php'));

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const debugLog = join(dir, 'debug.log');
    writeFileSync(join(dir, 'wp-config.php'), wpConfig(url, debugLog));
    const users = JSON.parse(runPhp('install.php', dir, url)) as WordPressSite['users'];

    let serverLog = '';
    // One process, no workers: a worker outlives a killed parent. The tests send one request at a time.
    server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk: Buffer) => (serverLog += chunk));
    server.stderr!.on('data', (chunk: Buffer) => (serverLog += chunk));
    const running = server;
    await waitFor(
      async () => {
        if (running.exitCode !== null) throw new Error(`php -S exited: ${serverLog}`);
        return (await new Session({ url } as WordPressSite).get('/wp-login.php')).status === 200;
      },
      { timeout: 20_000, message: `WordPress at ${url}` },
    );
    return {
      url,
      dir,
      users,
      php<T>(code: string, user = 0) {
        return JSON.parse(runPhp('run.php', dir, url, JSON.stringify({ php: code, user }))) as { result: T; output: string };
      },
      debugLog: () => {
        try {
          return readFileSync(debugLog, 'utf8');
        } catch {
          return '';
        }
      },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
