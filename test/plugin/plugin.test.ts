// The plugin as WordPress loads it: compatibility declared with WooCommerce's order tables and
// block checkout, nothing hooked without WooCommerce, the settings page only for shop managers
// (with the form nonce, every value escaped), and the script tag with its data attributes.
import { expect, it } from 'vitest';
import { describePhp, runPlugin } from './wordpress.js';

const shopManager = { caps: ['manage_woocommerce'], user_id: 3 };
const settingsPage = "do_action('admin_menu'); do_action('admin_init'); call_user_func($GLOBALS['fake']['pages']['homing']['callback']);";
const configured = { homing_options: { write_key: 'wk_live_1', collector_url: 'https://collector.example', restore_secret: 's3', country: 'IR', locale: 'fa', phone_prompt: 'after-add' } };

describePhp('the WordPress plugin', () => {
  it('declares compatibility with custom order tables (HPOS) and the cart and checkout blocks', () => {
    expect(runPlugin({}).compatibility).toEqual({ custom_order_tables: ['homing.php', true], cart_checkout_blocks: ['homing.php', true] });
  });

  it('without WooCommerce active hooks nothing into the shop and does not fail', () => {
    const run = runPlugin({ woocommerce: false, options: configured, php: "do_action('wp_enqueue_scripts'); echo 'ok';" });
    expect(run.output).toBe('ok');
    expect(run.scripts).toEqual([]);
    expect(run.hooked.filter((hook) => hook.startsWith('woocommerce_'))).toEqual([]);
  });

  it('shows the settings page to shop managers only', () => {
    const run = runPlugin({ ...shopManager, options: configured, php: settingsPage });
    expect(run.pages.homing.capability).toBe('manage_woocommerce');
    const page = new DOMParser().parseFromString(run.output, 'text/html');
    expect(page.querySelector<HTMLInputElement>('input[name="homing_options[write_key]"]')!.value).toBe('wk_live_1');
    expect(page.querySelector<HTMLInputElement>('input[name="homing_options[consent_text]"]')!.placeholder).toBe('Text me about my order and offers');
    expect(page.querySelector<HTMLInputElement>('input[name=option_page]')!.value).toBe('homing');
    expect(page.querySelector<HTMLInputElement>('input[name=_wpnonce]')!.value).not.toBe('');
    expect(runPlugin({ caps: ['read'], options: configured, php: settingsPage }).output).toBe('');
  });

  it('lets shop managers save it (options.php asks for manage_woocommerce, not manage_options)', () => {
    const run = runPlugin({ ...shopManager, php: "echo apply_filters('option_page_capability_homing', 'manage_options');" });
    expect(run.output).toBe('manage_woocommerce');
  });

  it('escapes what it prints on the settings page', () => {
    const hostile = '"><script>alert(1)</script>';
    const run = runPlugin({ ...shopManager, options: { homing_options: { ...configured.homing_options, write_key: hostile, consent_text: hostile } }, php: settingsPage });
    expect(run.output).not.toContain('<script>');
    const page = new DOMParser().parseFromString(run.output, 'text/html');
    expect(page.querySelector<HTMLInputElement>('input[name="homing_options[consent_text]"]')!.value).toBe(hostile);
  });

  it('keeps only valid settings when saved: a refused value keeps the saved one and says why', () => {
    const run = runPlugin({ ...shopManager, options: configured, php: "do_action('admin_init'); update_option('homing_options', array('write_key' => ' wk<b>2</b> ', 'collector_url' => 'javascript:alert(1)', 'country' => 'iran', 'locale' => 'fa IR', 'consent_text' => 'SMS <i>ok</i>', 'restore_secret' => 'chosen-by-attacker'));" });
    expect(run.options.homing_options).toMatchObject({ write_key: 'wk2', collector_url: 'https://collector.example', country: 'IR', locale: 'fa', consent_text: 'SMS ok', restore_secret: 's3' });
    expect(run.settings_errors.map((e) => e.code)).toEqual(['homing_collector_url', 'homing_country', 'homing_locale']);
  });

  it('lets a setting be emptied, and upper-cases the country', () => {
    const run = runPlugin({ ...shopManager, options: configured, php: "do_action('admin_init'); update_option('homing_options', array('write_key' => 'wk_live_1', 'collector_url' => '', 'country' => 'ir', 'locale' => ''));" });
    expect(run.options.homing_options).toMatchObject({ collector_url: '', country: 'IR', locale: '' });
    expect(run.settings_errors).toEqual([]);
  });

  it('adds the script, async, with its settings as data attributes and the queue stub before it', () => {
    const run = runPlugin({ options: configured, php: "do_action('wp_enqueue_scripts'); fake_print_scripts();" });
    const page = new DOMParser().parseFromString(`<body>${run.output}</body>`, 'text/html');
    const [stub, script] = [...page.querySelectorAll('script')];
    expect(stub!.textContent).toBe('window.homing = window.homing || [];');
    expect(script!.getAttribute('src')).toBe('https://shop.example/wp-content/plugins/plugin/assets/homing.iife.js?ver=0.2.0');
    expect(script!.hasAttribute('async')).toBe(true);
    expect({ ...script!.dataset }).toEqual({ writeKey: 'wk_live_1', collector: 'https://collector.example', platform: 'woocommerce', country: 'IR', locale: 'fa', phonePrompt: 'after-add', wpStrategy: 'async' });
  });

  it('adds no script until the write key and collector are set', () => {
    expect(runPlugin({ options: { homing_options: { restore_secret: 's3' } }, php: "do_action('wp_enqueue_scripts');" }).scripts).toEqual([]);
  });
});
