// The plugin in a real WordPress (6.5, on SQLite, served by php -S): activated from wp-admin's
// Plugins screen, its settings page opened and saved through options.php by a logged-in user, the
// storefront's script tag read from the page WordPress serves, signed links opened as a shopper
// opens them. WooCommerce is the test double (fake-woocommerce.php) installed as the plugin
// `woocommerce`: the plugin's WooCommerce calls run against the fake, inside real WordPress.
import { createHmac } from 'node:crypto';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWordPress, Session, startWordPress, type WordPressSite } from './real-wordpress.js';

let site: WordPressSite;
let admin: Session;

// WordPress's pages link stylesheets and scripts this parser is not to fetch.
const quiet = new Window({ settings: { disableCSSFileLoading: true, disableJavaScriptFileLoading: true, disableJavaScriptEvaluation: true, handleDisabledFileLoadingAsSuccess: true } });
const parse = (html: string) => new quiet.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
/** Every field a form would submit as it stands (text, hidden, checked boxes, selected options). */
function formFields(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name]')) {
    if ((input.type === 'checkbox' || input.type === 'radio') && !input.checked) continue;
    if (input.type === 'submit') continue;
    fields[input.name] = input.value;
  }
  for (const select of form.querySelectorAll<HTMLSelectElement>('select[name]')) fields[select.name] = select.value;
  return fields;
}
const decode = (href: string) => parse(`<a href="${href}"></a>`).querySelector('a')!.getAttribute('href')!;

/** The Activate or Deactivate link of the Plugins screen, followed as a click does. */
async function pluginAction(session: Session, action: 'activate' | 'deactivate', plugin = 'homing/homing.php') {
  const screen = await session.get('/wp-admin/plugins.php');
  const link = [...parse(screen.body).querySelectorAll<HTMLAnchorElement>('a[href*="action="]')]
    .map((a) => a.getAttribute('href')!)
    .find((href) => new URLSearchParams(href.split('?')[1]).get('action') === action && new URLSearchParams(href.split('?')[1]).get('plugin') === plugin);
  if (!link) throw new Error(`no ${action} link for ${plugin} on the Plugins screen`);
  return session.get(`/wp-admin/${decode(link)}`);
}

const fake = <T = any>() => site.php<T>("return get_option('homing_test_fake_woocommerce');").result as any;
const options = () => site.php<Record<string, string>>("return get_option('homing_options');").result;
const webhooks = () => Object.values<Record<string, any>>(fake().webhooks ?? {}).sort((a, b) => a.topic.localeCompare(b.topic));

describeWordPress('the plugin in a real WordPress', () => {
  beforeAll(async () => {
    site = await startWordPress();
    admin = new Session(site);
    await admin.logIn('admin', 'admin-password');
  }, 60_000);
  afterAll(() => site?.stop());

  it('is activated from the Plugins screen once WooCommerce is active, and makes its restore secret', async () => {
    const res = await pluginAction(admin, 'activate');
    expect(res.status).toBe(302);
    expect(res.location).toContain('plugins.php?activate=true');
    expect(site.php("return in_array('homing/homing.php', get_option('active_plugins'), true);").result).toBe(true);
    expect(options().restore_secret).toMatch(/^[A-Za-z0-9]{48}$/);
    // Not connected yet: no webhooks until the write key and collector URL are saved.
    expect(webhooks()).toEqual([]);
  });

  it('shows its settings page to an administrator, and saves the connection and consent text through options.php', async () => {
    const page = await admin.get('/wp-admin/options-general.php?page=homing');
    expect(page.status).toBe(200);
    const form = parse(page.body).querySelector<HTMLFormElement>('form[action="options.php"]')!;
    const fields = formFields(form);
    expect(fields.option_page).toBe('homing');
    expect(fields._wpnonce).toMatch(/^[0-9a-f]{10}$/);
    const saved = await admin.post('/wp-admin/options.php', {
      ...fields,
      'homing_options[write_key]': 'wk_live_1',
      'homing_options[collector_url]': 'https://collector.example',
      'homing_options[locale]': 'fa',
      'homing_options[consent_text]': 'Texts about my order, please',
    });
    expect(saved.status).toBe(302);
    expect(saved.location).toContain('page=homing&settings-updated=true');
    expect(options()).toMatchObject({ write_key: 'wk_live_1', collector_url: 'https://collector.example', locale: 'fa', consent_text: 'Texts about my order, please' });
  });

  it('creates the two order webhooks when the connection is saved, and shows their secret once', async () => {
    const secret = site.php<{ secret: string }>("return get_option('homing_webhooks');").result.secret;
    const url = 'https://collector.example/v1/webhooks/woocommerce/wk_live_1';
    expect(webhooks()).toEqual([
      expect.objectContaining({ topic: 'order.created', status: 'active', delivery_url: url, secret, user_id: site.users.admin }),
      expect.objectContaining({ topic: 'order.updated', status: 'active', delivery_url: url, secret, user_id: site.users.admin }),
    ]);
    // The save redirects to the page, which shows it; later visits do not.
    const first = parse((await admin.get('/wp-admin/options-general.php?page=homing')).body);
    expect(first.querySelector<HTMLInputElement>('input[name="homing_options[write_key]"]')!.value).toBe('wk_live_1');
    expect([...first.querySelectorAll('pre')].map((pre) => pre.textContent)).toContain(`"stores": { "wk_live_1": { "woocommerce": { "webhookSecret": "${secret}" } } }`);
    expect((await admin.get('/wp-admin/options-general.php?page=homing')).body).not.toContain(secret);
  });

  it('deactivating disables the webhooks; activating again enables the same two, and makes any deleted one again', async () => {
    const before = Object.keys(fake().webhooks);
    expect((await pluginAction(admin, 'deactivate')).status).toBe(302);
    expect(webhooks().map((w) => w.status)).toEqual(['disabled', 'disabled']);
    // The owner deletes order.updated in WooCommerce while the plugin is off.
    site.php("$state = get_option('homing_test_fake_woocommerce'); foreach ($state['webhooks'] as $id => $w) { if ('order.updated' === $w['topic']) unset($state['webhooks'][$id]); } update_option('homing_test_fake_woocommerce', $state); $GLOBALS['fake']['webhooks'] = $state['webhooks'];");
    expect((await pluginAction(admin, 'activate')).status).toBe(302);
    expect(webhooks().map((w) => [w.topic, w.status])).toEqual([['order.created', 'active'], ['order.updated', 'active']]);
    expect(Object.keys(fake().webhooks)).toContain(before.find((id) => fake().webhooks[id]?.topic === 'order.created'));
  });
});
