// Runs the WordPress plugin in php-cli inside a fake WordPress and WooCommerce (run.php): one PHP
// process per scenario, state (options, webhooks, coupons, orders) carried from one run to the next
// as WordPress's database would. Any PHP warning or notice fails the test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe } from 'vitest';

const runner = join(import.meta.dirname, 'run.php');

/** php-cli missing: the plugin tests are skipped locally with a reason, and fail in CI. */
export const php = spawnSync('php', ['-v']).status === 0;
export const describePhp: typeof describe = php || process.env.CI ? describe : (describe.skip as typeof describe);
if (!php && !process.env.CI) console.warn('WordPress plugin tests skipped: php-cli is not installed (apt-get install php-cli)');

type Props = Record<string, any>;

export interface Scenario {
  php?: string;
  options?: Props;
  locale?: string;
  caps?: string[];
  user_id?: number;
  get?: Record<string, string>;
  post?: Record<string, string>;
  billing_email?: string;
  products?: number[];
  coupons?: Props;
  orders?: Props;
  webhooks?: Props;
  comments?: Props;
  next_id?: number;
  woocommerce?: boolean;
}

export interface PluginRun {
  output: string;
  options: Props;
  webhooks: Record<string, Props>;
  coupons: Record<string, Props>;
  orders: Record<string, Props>;
  next_id: number;
  cart: { items: [number, number, number, Props][]; coupons: string[] };
  notices: [string, string][];
  redirect: string | null;
  died: { message: string; status: number } | null;
  settings_errors: { setting: string; code: string; message: string; type: string }[];
  checkout_field: Props[];
  compatibility: Record<string, [string, boolean]>;
  scripts: Record<string, Props>;
  pages: Record<string, Props>;
  hooked: string[];
  /** What wp_send_json answered. */
  json?: { status: number; body: Props };
  comments?: Record<string, Props>;
}

export function runPlugin(scenario: Scenario): PluginRun {
  const result = spawnSync('php', ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', runner], { input: JSON.stringify(scenario), encoding: 'utf8' });
  if (result.status !== 0 || result.stderr) throw new Error(`php failed (${result.status}): ${result.stderr}\n${result.stdout}`);
  const run = JSON.parse(result.stdout) as PluginRun;
  // PHP's json_encode writes an empty map as [].
  for (const key of ['options', 'webhooks', 'coupons', 'orders'] as const) if (Array.isArray(run[key])) run[key] = {};
  return run;
}

/** What WordPress's database would keep from one request to the next. */
export function stored(run: PluginRun): Scenario {
  return { options: run.options, webhooks: run.webhooks, coupons: run.coupons, orders: run.orders, comments: run.comments, next_id: run.next_id };
}
