// Orders from the server: the plugin creates WooCommerce webhooks that send each new or updated
// order to the collector, signed with a secret the owner copies once into the collector's store
// settings. Activating twice never makes duplicates; deactivating stops the deliveries.
import { describe, expect, it } from 'vitest';
import { describePhp, runPlugin, stored, type PluginRun, type Scenario } from './wordpress.js';

const admin = { caps: ['manage_woocommerce', 'activate_plugins'], user_id: 7 };
const settings = { write_key: 'wk_live_1', collector_url: 'https://collector.example/', restore_secret: 's3' };
const activate = "call_user_func($GLOBALS['fake']['activation']);";
const deactivate = "call_user_func($GLOBALS['fake']['deactivation']);";
const settingsPage = "do_action('admin_menu'); do_action('admin_init'); call_user_func($GLOBALS['fake']['pages']['homing']['callback']);";
/** What options.php does with the submitted form. */
const save = (input: Record<string, string>) => `update_option('homing_options', json_decode('${JSON.stringify(input)}', true));`;

const webhooks = (run: PluginRun) => Object.values(run.webhooks).sort((a, b) => a.topic.localeCompare(b.topic));

describePhp('order webhooks', () => {
  it('activation creates order.created and order.updated, active, to the collector, with the stored secret', () => {
    const run = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
    const secret = run.options.homing_webhooks.secret;
    expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);
    const common = { delivery_url: 'https://collector.example/v1/webhooks/woocommerce/wk_live_1', secret, status: 'active', api_version: 'wp_api_v3', user_id: 7 };
    expect(webhooks(run)).toEqual([
      { ...common, topic: 'order.created', name: 'Homing: order.created' },
      { ...common, topic: 'order.updated', name: 'Homing: order.updated' },
    ]);
  });

  it('activating again, after a deactivation, reuses the same two webhooks', () => {
    const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
    const off = runPlugin({ ...admin, ...stored(first), php: deactivate });
    expect(webhooks(off).map((w) => w.status)).toEqual(['disabled', 'disabled']);
    const again = runPlugin({ ...admin, ...stored(off), php: activate + activate });
    expect(Object.keys(again.webhooks)).toEqual(Object.keys(first.webhooks));
    expect(webhooks(again).map((w) => [w.status, w.secret])).toEqual([['active', first.options.homing_webhooks.secret], ['active', first.options.homing_webhooks.secret]]);
  });

  it('a webhook the owner deleted in WooCommerce is made again on activation', () => {
    const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
    const [createdId] = Object.entries(first.webhooks).find(([, w]) => w.topic === 'order.created')!;
    const { [createdId]: _deleted, ...left } = first.webhooks;
    const again = runPlugin({ ...admin, ...stored(first), webhooks: left, php: activate });
    expect(webhooks(again).map((w) => w.topic)).toEqual(['order.created', 'order.updated']);
  });

  it('are created by the first save of the connection settings, and follow a new collector URL or write key', () => {
    const bare = runPlugin({ ...admin, php: activate });
    expect(bare.webhooks).toEqual({});
    const saved = runPlugin({ ...admin, ...stored(bare), php: save({ write_key: 'wk_live_1', collector_url: 'https://collector.example' }) });
    expect(webhooks(saved).map((w) => w.delivery_url)).toEqual(Array(2).fill('https://collector.example/v1/webhooks/woocommerce/wk_live_1'));
    const moved = runPlugin({ ...admin, ...stored(saved), php: save({ write_key: 'wk_live_2', collector_url: 'https://c2.example' }) });
    expect(Object.keys(moved.webhooks)).toEqual(Object.keys(saved.webhooks));
    expect(webhooks(moved).map((w) => w.delivery_url)).toEqual(Array(2).fill('https://c2.example/v1/webhooks/woocommerce/wk_live_2'));
    const cleared = runPlugin({ ...admin, ...stored(moved), php: save({ write_key: '', collector_url: 'https://c2.example' }) });
    expect(webhooks(cleared).map((w) => w.status)).toEqual(['disabled', 'disabled']);
  });

  it('saving other settings leaves the webhooks as they are (a status the owner changed stays)', () => {
    const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
    const paused = Object.fromEntries(Object.entries(first.webhooks).map(([id, w]) => [id, { ...w, status: 'paused' }]));
    const run = runPlugin({ ...admin, ...stored(first), webhooks: paused, php: save({ ...settings, country: 'IR' }) });
    expect(run.options.homing_options.country).toBe('IR');
    expect(run.webhooks).toEqual(paused);
  });

  it('the settings page shows the secret once, in the shape of the collector setting', () => {
    const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
    const secret = first.options.homing_webhooks.secret;
    const page = runPlugin({ ...admin, ...stored(first), php: settingsPage });
    expect(page.output).toContain('New and updated orders are sent to https://collector.example/v1/webhooks/woocommerce/wk_live_1.');
    const blocks = [...new DOMParser().parseFromString(page.output, 'text/html').querySelectorAll('pre')].map((pre) => pre.textContent);
    expect(blocks).toContain(`"stores": { "wk_live_1": { "woocommerce": { "webhookSecret": "${secret}" } } }`);
    const later = runPlugin({ ...admin, ...stored(page), php: settingsPage });
    expect(later.output).toContain('New and updated orders are sent to');
    expect(later.output).not.toContain(secret);
  });

  it('uninstalling deletes the webhooks and the settings', () => {
    const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
    const gone = runPlugin({ ...admin, ...stored(first), php: "define('WP_UNINSTALL_PLUGIN', true); require WP_PLUGIN_DIR . '/plugin/uninstall.php';" });
    expect(gone.webhooks).toEqual({});
    expect(gone.options).toEqual({});
  });

  describe('a new webhook secret', () => {
    const press = (state: Scenario, who: Scenario, nonce: 'valid' | 'missing') =>
      runPlugin({ ...state, ...who, post: { action: 'homing_new_webhook_secret', _wpnonce: nonce === 'valid' ? '__NONCE__' : '' }, php: "if ('__NONCE__' === $_REQUEST['_wpnonce']) { $_REQUEST['_wpnonce'] = wp_create_nonce('homing_new_webhook_secret'); } do_action('admin_post_homing_new_webhook_secret');" });

    it('replaces the secret on both webhooks and shows it once', () => {
      const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate + settingsPage });
      const run = press(stored(first), admin, 'valid');
      const secret = run.options.homing_webhooks.secret;
      expect(secret).not.toBe(first.options.homing_webhooks.secret);
      expect(webhooks(run).map((w) => w.secret)).toEqual([secret, secret]);
      expect(run.redirect).toBe('https://shop.example/wp-admin/options-general.php?page=homing');
      expect(runPlugin({ ...admin, ...stored(run), php: settingsPage }).output).toContain(secret);
    });

    it('is refused without the form nonce or without the capability', () => {
      const first = runPlugin({ ...admin, options: { homing_options: settings }, php: activate });
      for (const [who, nonce] of [[admin, 'missing'], [{ caps: ['read'], user_id: 9 }, 'valid']] as const) {
        const run = press(stored(first), who, nonce);
        expect(run.died?.status).toBe(403);
        expect(run.options.homing_webhooks.secret).toBe(first.options.homing_webhooks.secret);
      }
    });
  });
});
