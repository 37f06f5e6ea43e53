// Consent to marketing e-mail at checkout: campaign e-mails go only to addresses whose owner agreed,
// and WooCommerce asks for no such thing. The plugin adds an unchecked box to the classic and block
// checkouts and saves the answer on the order, where the collector's webhook reads it. The box must
// not look like an SMS consent box to the Homing script: ticking it must never consent a phone.
import { expect, it } from 'vitest';
import { watchPhoneFields } from '../../src/capture/phone-watch.js';
import { wooOrderFacts } from '../../collector/src/webhooks/woocommerce.js';
import { describePhp, runPlugin } from './wordpress.js';

const configured = { homing_options: { write_key: 'wk_live_1', collector_url: 'https://collector.example', restore_secret: 's3' } };
const checkoutForm = "do_action('woocommerce_after_checkout_billing_form', null);";
const placeOrder = "$o = new WC_Order(); do_action('woocommerce_checkout_create_order', $o, array()); $o->save();";
const emailBox = (html: string) => new DOMParser().parseFromString(html, 'text/html').querySelector<HTMLInputElement>('input[type=checkbox][name=homing_email_optin]');

describePhp('e-mail consent on the classic checkout', () => {
  it('is an unchecked box after the billing fields, next to the SMS box, with the default text in the store language', () => {
    const texts = { en_US: 'Email me offers and news', fa_IR: 'پیشنهادها و خبرها را برایم ایمیل کنید', he_IL: 'שלחו לי מבצעים וחדשות באימייל', ar: 'أرسلوا لي العروض والأخبار بالبريد الإلكتروني' };
    for (const [locale, text] of Object.entries(texts)) {
      const { output } = runPlugin({ locale, options: configured, php: checkoutForm });
      const box = emailBox(output)!;
      expect(box.id).toBe('homing_email_optin');
      expect(box.checked).toBe(false);
      expect(box.closest('label')!.textContent!.trim()).toBe(text);
      expect(output).toContain('name="homing_sms_consent"');
    }
  });

  it("shows the owner's own text, escaped, and leaves the SMS box's text alone", () => {
    const { output } = runPlugin({ options: { homing_options: { ...configured.homing_options, email_consent_text: 'News <b>by mail</b> & "deals"' } }, php: checkoutForm });
    expect(emailBox(output)!.closest('label')!.innerHTML).toContain('News &lt;b&gt;by mail&lt;/b&gt; &amp; "deals"');
    expect(output).not.toContain('<b>');
    expect(output).toContain('Text me about my order and offers');
  });

  it('saves yes or no on the order, apart from the SMS answer, and nothing for an order placed without the box', () => {
    const metaOf = (post: Record<string, string>) => Object.values(runPlugin({ options: configured, post, php: placeOrder }).orders)[0]!.meta_data ?? {};
    expect(metaOf({ homing_email_optin_shown: '1', homing_email_optin: '1', homing_sms_consent_shown: '1' })).toMatchObject({ _homing_email_consent: 'yes', _homing_sms_consent: 'no' });
    expect(metaOf({ homing_email_optin_shown: '1', homing_sms_consent_shown: '1', homing_sms_consent: '1' })).toMatchObject({ _homing_email_consent: 'no', _homing_sms_consent: 'yes' });
    expect(metaOf({ billing_email: 'a@mail.example' })).not.toHaveProperty('_homing_email_consent');
  });

  it('the settings page offers the e-mail text, with the default as its placeholder, and saves it', () => {
    const admin = { caps: ['manage_woocommerce'], user_id: 7 };
    const page = runPlugin({ ...admin, options: configured, php: "do_action('admin_menu'); do_action('admin_init'); call_user_func($GLOBALS['fake']['pages']['homing']['callback']);" });
    const field = new DOMParser().parseFromString(page.output, 'text/html').querySelector<HTMLInputElement>('input[name="homing_options[email_consent_text]"]')!;
    expect(field.placeholder).toBe('Email me offers and news');
    const saved = runPlugin({ ...admin, options: configured, php: "do_action('admin_init'); echo json_encode(Homing_Settings::sanitize(array('email_consent_text' => ' Deals <i>by e-mail</i> ')));" });
    expect(JSON.parse(saved.output).email_consent_text).toBe('Deals by e-mail');
  });
});

describePhp('e-mail consent on the block checkout', () => {
  const emailField = (run: { checkout_field: { id?: string }[] }) => run.checkout_field.filter((f) => f.id === 'homing/email-optin');

  it("registers an optional checkbox next to the e-mail address with WooCommerce's additional checkout fields API, in the store language", () => {
    expect(emailField(runPlugin({ options: configured }))).toEqual([{ id: 'homing/email-optin', label: 'Email me offers and news', location: 'contact', type: 'checkbox', required: false }]);
    expect(emailField(runPlugin({ options: configured, locale: 'he_IL' }))[0]!.label).toBe('שלחו לי מבצעים וחדשות באימייל');
    expect(emailField(runPlugin({ options: { homing_options: { ...configured.homing_options, email_consent_text: 'Deals by e-mail' } } }))[0]!.label).toBe('Deals by e-mail');
  });

  it('a refused registration (id already taken) leaves the checkout working', () => {
    const run = runPlugin({ options: configured, php: "Homing_Email_Consent::register_block_field(); echo 'still here';" });
    expect(run.output).toBe('still here');
    expect(emailField(run)).toHaveLength(1);
  });

  it("copies WooCommerce's value to the order meta the collector reads, only for its own field on an order", () => {
    const save = (key: string, value: string) =>
      Object.values(runPlugin({ options: configured, php: `$o = new WC_Order(); do_action('woocommerce_set_additional_field_value', '${key}', ${value}, 'contact', $o); do_action('woocommerce_set_additional_field_value', '${key}', ${value}, 'contact', new stdClass()); $o->save();` }).orders)[0]!.meta_data;
    expect(save('homing/email-optin', 'true')).toEqual({ _homing_email_consent: 'yes' });
    expect(save('homing/email-optin', 'false')).toEqual({ _homing_email_consent: 'no' });
    expect(save('homing/sms-consent', 'true')).toEqual({ _homing_sms_consent: 'yes' });
  });
});

describePhp('e-mail consent in the order webhook', () => {
  /** The saved order as WooCommerce's REST API (v3) puts it in the webhook payload: meta_data as [{ key, value }]. */
  const payloadOf = (post: Record<string, string>) => {
    const order = Object.values(runPlugin({ options: configured, post, php: placeOrder }).orders)[0]!;
    const meta = Object.entries<string>(order.meta_data ?? {}).map(([key, value], i) => ({ id: i + 1, key, value }));
    return { id: 41, status: 'processing', billing: { email: 'b@mail.example', phone: '+989121234567' }, meta_data: meta };
  };
  const traitsOf = (post: Record<string, string>) => {
    const facts = wooOrderFacts(payloadOf(post), { writeKey: 'wk_live_1', secret: 's', store: {}, deliveryId: 'd1', now: new Date('2026-01-01T00:00:00Z') });
    if (typeof facts === 'string') throw new Error(facts);
    return facts.events.find((e) => e.type === 'identify')!.traits;
  };

  it("carries the box's answer as the e-mail address's consent, and the SMS box's as the phone's", () => {
    expect(traitsOf({ homing_email_optin_shown: '1', homing_email_optin: '1', homing_sms_consent_shown: '1' })).toMatchObject({ email: 'b@mail.example', email_consent: true, phone_consent: false });
    expect(traitsOf({ homing_email_optin_shown: '1', homing_sms_consent_shown: '1', homing_sms_consent: '1' })).toMatchObject({ email_consent: false, phone_consent: true });
    expect(traitsOf({})).not.toHaveProperty('email_consent');
  });
});

describePhp('the Homing script on a checkout with both boxes', () => {
  /** Types a phone number, then ticks the e-mail box; returns what the script read as phone and SMS consent. */
  function tickEmailBox(formHtml: string) {
    document.body.innerHTML = `<form class="checkout"><p><input type="tel" name="billing_phone" id="billing_phone"></p>${formHtml}</form>`;
    const seen: [string, boolean][] = [];
    watchPhoneFields((raw, consent) => seen.push([raw, consent]));
    const phone = document.querySelector<HTMLInputElement>('#billing_phone')!;
    phone.value = '0912 123 4567';
    phone.dispatchEvent(new Event('change', { bubbles: true }));
    const box = [...document.querySelectorAll('label')].find((label) => label.textContent!.includes('Email me offers and news'))!.querySelector('input')!;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    phone.dispatchEvent(new Event('focusout', { bubbles: true }));
    return seen;
  }

  it('classic checkout: ticking the e-mail box gives no SMS consent (its name and id are not taken for an SMS box)', () => {
    const { output } = runPlugin({ options: configured, php: checkoutForm });
    expect(tickEmailBox(output)).toEqual([['0912 123 4567', false], ['0912 123 4567', false]]);
  });

  it('block checkout: the field as WooCommerce renders it (id "<location>-<field id>") gives no SMS consent either', () => {
    const run = runPlugin({ options: configured });
    // WooCommerce's block checkout names its additional checkboxes by id only, `${location}-${field id}`.
    const boxes = run.checkout_field
      .filter((f) => f.type === 'checkbox')
      .map((f) => `<label class="wc-block-components-checkbox"><input id="${f.location}-${f.id}" type="checkbox" class="wc-block-components-checkbox__input"> ${f.label}</label>`)
      .join('');
    const seen = tickEmailBox(boxes);
    expect(seen).toEqual([['0912 123 4567', false], ['0912 123 4567', false]]);
    // The SMS box in the same form is still read as one.
    const sms = document.getElementById('order-homing/sms-consent') as HTMLInputElement;
    sms.checked = true;
    sms.dispatchEvent(new Event('change', { bubbles: true }));
    expect(seen.at(-1)).toEqual(['0912 123 4567', true]);
  });
});
