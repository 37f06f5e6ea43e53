// SMS consent at checkout: without it WooCommerce never gives a phone number consent, so nothing is
// ever sent. The plugin adds an unchecked box to the classic checkout and to the block checkout,
// saves the answer on the order for the collector's webhook, and names the box so that the Homing
// script in the page links the captured cart to a consented phone.
import { expect, it } from 'vitest';
import { watchPhoneFields } from '../../src/capture/phone-watch.js';
import { describePhp, runPlugin } from './wordpress.js';

const configured = { homing_options: { write_key: 'wk_live_1', collector_url: 'https://collector.example', restore_secret: 's3' } };

describePhp('SMS consent on the classic checkout', () => {
  it('is an unchecked box after the billing fields, with the default text in the store language', () => {
    const texts = { en_US: 'Text me about my order and offers', fa_IR: 'درباره سفارشم و پیشنهادها به من پیامک بدهید', he_IL: 'שלחו לי הודעות SMS על ההזמנה שלי ועל מבצעים', ar: 'أرسلوا لي رسائل نصية عن طلبي والعروض' };
    for (const [locale, text] of Object.entries(texts)) {
      const { output } = runPlugin({ locale, options: configured, php: "do_action('woocommerce_after_checkout_billing_form', null);" });
      const box = new DOMParser().parseFromString(output, 'text/html').querySelector<HTMLInputElement>('input[type=checkbox]')!;
      expect(box.name).toBe('homing_sms_consent');
      expect(box.checked).toBe(false);
      expect(box.closest('label')!.textContent!.trim()).toBe(text);
    }
  });

  it("shows the owner's own text, escaped", () => {
    const { output } = runPlugin({ options: { homing_options: { ...configured.homing_options, consent_text: 'SMS <b>news</b> & "deals"' } }, php: "do_action('woocommerce_after_checkout_billing_form', null);" });
    expect(output).toContain('SMS &lt;b&gt;news&lt;/b&gt; &amp; &quot;deals&quot;');
    expect(output).not.toContain('<b>');
  });

  it('saves yes or no on the order, and nothing for an order placed without the box', () => {
    const place = (post: Record<string, string>) =>
      runPlugin({ options: configured, post, php: "$o = new WC_Order(); do_action('woocommerce_checkout_create_order', $o, array()); $o->save();" }).orders;
    const consentOf = (post: Record<string, string>) => Object.values(place(post))[0]!.meta_data?._homing_sms_consent;
    expect(consentOf({ homing_sms_consent_shown: '1', homing_sms_consent: '1', billing_phone: '+989121234567' })).toBe('yes');
    expect(consentOf({ homing_sms_consent_shown: '1', billing_phone: '+989121234567' })).toBe('no');
    expect(consentOf({ billing_phone: '+989121234567' })).toBeUndefined();
  });

  it('is read by the Homing script: ticking it after typing the phone gives the phone with consent', () => {
    const { output } = runPlugin({ options: configured, php: "do_action('woocommerce_after_checkout_billing_form', null);" });
    document.body.innerHTML = `<form class="checkout woocommerce-checkout"><p><input type="tel" name="billing_phone" id="billing_phone"></p>${output}</form>`;
    const seen: [string, boolean][] = [];
    watchPhoneFields((raw, consent) => seen.push([raw, consent]));
    const phone = document.querySelector<HTMLInputElement>('#billing_phone')!;
    phone.value = '0912 123 4567';
    phone.dispatchEvent(new Event('change', { bubbles: true }));
    const box = document.querySelector<HTMLInputElement>('#homing_sms_consent')!;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    expect(seen).toEqual([['0912 123 4567', false], ['0912 123 4567', true]]);
  });
});

describePhp('SMS consent on the block checkout', () => {
  it("registers an optional checkbox with WooCommerce's additional checkout fields API, in the store language", () => {
    const consentField = (run: { checkout_field: { id?: string }[] }) => run.checkout_field.filter((f) => f.id === 'homing/sms-consent');
    expect(consentField(runPlugin({ options: configured }))).toEqual([{ id: 'homing/sms-consent', label: 'Text me about my order and offers', location: 'order', type: 'checkbox', required: false }]);
    expect(consentField(runPlugin({ options: configured, locale: 'fa_IR' }))[0]!.label).toBe('درباره سفارشم و پیشنهادها به من پیامک بدهید');
  });

  it('a refused registration (id already taken) leaves the checkout working', () => {
    const run = runPlugin({ options: configured, php: "Homing_Consent::register_block_field(); echo 'still here';" });
    expect(run.output).toBe('still here');
    expect(run.checkout_field.filter((f) => f.id === 'homing/sms-consent')).toHaveLength(1);
  });

  it("copies WooCommerce's value to the order meta the collector reads, and only for its own field on an order", () => {
    const save = (key: string, value: string) =>
      runPlugin({ options: configured, php: `$o = new WC_Order(); do_action('woocommerce_set_additional_field_value', '${key}', ${value}, 'other', $o); do_action('woocommerce_set_additional_field_value', '${key}', ${value}, 'other', new stdClass()); $o->save();` }).orders;
    expect(Object.values(save('homing/sms-consent', 'true'))[0]!.meta_data).toEqual({ _homing_sms_consent: 'yes' });
    expect(Object.values(save('homing/sms-consent', 'false'))[0]!.meta_data).toEqual({ _homing_sms_consent: 'no' });
    expect(Object.values(save('other/field', 'true'))[0]!.meta_data).toBeUndefined();
  });
});
