import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../../../src/capture/history.js';
import { isPhoneField, watchPhoneFields } from '../../../src/capture/phone-watch.js';
import { emailFieldCheck } from '../../../src/capture/email-watch.js';
import { hasPhoneField, watchForPhoneFields } from '../../../src/capture/phone-trigger.js';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('phone fields', () => {
  it('recognises phone fields and never card, password or hidden ones', () => {
    document.body.innerHTML = `
      <input id="a" type="tel"><input id="b" autocomplete="shipping tel"><input id="billing_phone">
      <input id="d" name="mobile_number"><input id="e" type="password" name="phone"><input id="f" type="hidden" name="phone">
      <input id="g" type="tel" autocomplete="cc-number"><input id="h" name="cvv"><input id="i" name="email">`;
    const ids = [...document.querySelectorAll('input')].filter(isPhoneField).map((el) => el.id);
    expect(ids).toEqual(['a', 'b', 'billing_phone', 'd']);
  });

  it('hears fields added after it started, with the consent box of the same form', () => {
    const heard = vi.fn();
    watchPhoneFields(heard);
    document.body.innerHTML = `<form><input type="tel" id="p"><input type="checkbox" name="sms_consent" id="c"></form>`;
    const field = document.getElementById('p') as HTMLInputElement;
    field.value = '0912 123 4567';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    (document.getElementById('c') as HTMLInputElement).checked = true;
    document.getElementById('c')!.dispatchEvent(new Event('change', { bubbles: true }));
    expect(heard.mock.calls.map((call) => [call[0], call[1]])).toEqual([
      ['0912 123 4567', false],
      ['0912 123 4567', true],
    ]);
  });
});

describe('e-mail fields', () => {
  it('reads addresses from e-mail fields only, trimmed and lower-cased, and nothing that is not an address', () => {
    document.body.innerHTML = `
      <input id="a" type="email" value=" Sara@Mail.Example "><input id="billing_email" value="b@mail.example"><input id="c" autocomplete="email" value="c@mail.example">
      <input id="d" type="password" name="email" value="d@mail.example"><input id="e" name="city" value="e@mail.example">
      <input id="f" type="email" value="not an address"><input id="g" type="email" value="a@b">`;
    const heard: string[] = [];
    const check = emailFieldCheck((email) => heard.push(email));
    document.querySelectorAll('input').forEach(check);
    expect(heard).toEqual(['sara@mail.example', 'b@mail.example', 'c@mail.example']);
  });
});

describe('the every-page look for contact fields', () => {
  it('loads nothing for a newsletter e-mail box merely shown, but wakes the watcher once the shopper uses it', () => {
    document.body.innerHTML = '<input type="email" name="contact[email]" id="newsletter">';
    expect(hasPhoneField()).toBe(false);
    const found = vi.fn();
    const seen: EventTarget[] = [];
    const stop = watchForPhoneFields(found, seen);
    document.getElementById('newsletter')!.dispatchEvent(new Event('change', { bubbles: true }));
    stop();
    expect(found).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([document.getElementById('newsletter')]);
    document.body.innerHTML = '<input type="tel" name="phone">';
    expect(hasPhoneField()).toBe(true);
  });
});

describe('watchNavigation', () => {
  it('reports each new URL once, not same-URL replaces or hash changes', () => {
    const pages = vi.fn();
    watchNavigation(pages);
    history.pushState({}, '', '/shop/cart');
    history.replaceState({ x: 1 }, '', '/shop/cart');
    history.pushState({}, '', '/shop/cart#top');
    history.pushState({}, '', '/shop/cart?step=2');
    expect(pages).toHaveBeenCalledTimes(2);
  });
});
