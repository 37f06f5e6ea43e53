import { afterEach, describe, expect, it, vi } from 'vitest';
import { showPhonePrompt } from '../../../src/widgets/phone-prompt/phone-prompt.lazy.js';
import { startPhones, type PhonePromptModule } from '../../../src/capture/phone.lazy.js';
import type { PluginHost } from '../../../src/core/types.js';

afterEach(() => {
  document.body.innerHTML = '';
});

const open = (locale = 'en', onSave = vi.fn(() => true), onDismiss = vi.fn()) => {
  document.body.innerHTML = '<button id="add">Add</button>';
  document.getElementById('add')!.focus();
  const host = showPhonePrompt({ locale, onSave, onDismiss });
  return { host, root: host.shadowRoot!, onSave, onDismiss };
};

describe('phone prompt', () => {
  it('is a labelled dialog with an unticked consent box, and Esc dismisses it and returns focus', () => {
    const { host, root, onDismiss } = open();
    const dialog = root.querySelector('[role=dialog]')!;
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Save your cart');
    expect((root.getElementById('consent') as HTMLInputElement).checked).toBe(false);
    expect(root.querySelector('label[for=phone]')!.textContent).toBe('Mobile number');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host.isConnected).toBe(false);
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(document.activeElement?.id).toBe('add');
  });

  it('keeps the sheet open with an error for an invalid number, and thanks without a dismissal after saving', () => {
    const onSave = vi.fn((raw: string) => raw.length > 5);
    const { host, root, onDismiss } = open('en', onSave);
    const phone = root.getElementById('phone') as HTMLInputElement;
    const form = root.querySelector('form')!;
    phone.value = '12';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(root.querySelector('[role=alert]')!.textContent).toBe('Please enter a valid mobile number.');
    phone.value = '09121234567';
    (root.getElementById('consent') as HTMLInputElement).checked = true;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(onSave).toHaveBeenLastCalledWith('09121234567', true, undefined);
    expect(root.querySelector('[role=status]')!.textContent).toContain('Saved');
    (root.querySelector('.close') as HTMLButtonElement).click();
    expect(host.isConnected).toBe(false);
    expect(onDismiss).not.toHaveBeenCalled();
  });

  it('passes the optional first name the shopper typed, trimmed', () => {
    const { root, onSave } = open('fa');
    expect(root.querySelector('label[for=name]')!.textContent).toBe('نام (اختیاری)');
    (root.getElementById('phone') as HTMLInputElement).value = '09121234567';
    (root.getElementById('name') as HTMLInputElement).value = '  سارا ';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(onSave).toHaveBeenLastCalledWith('09121234567', false, { first_name: 'سارا', name_source: 'prompt' });
  });

  it.each([
    ['fa-IR', 'rtl', 'fa'],
    ['ar', 'rtl', 'ar'],
    ['he-IL', 'rtl', 'he'],
    ['de-DE', 'ltr', 'en'],
  ])('in %s it is laid out %s in %s', (locale, dir, lang) => {
    const { host } = open(locale);
    expect(host.getAttribute('dir')).toBe(dir);
    expect(host.getAttribute('lang')).toBe(lang);
  });

  it('has an optional birthday field, in the order and digits of the shopper language, sent with the number as MM-DD', () => {
    // A refused number keeps the sheet open, so one sheet can be submitted again.
    const { root, onSave } = open('he-IL', vi.fn(() => false));
    expect(root.querySelector('label[for=bday]')!.textContent).toBe('יום הולדת (רשות, יום/חודש)');
    const submit = (day: string) => {
      (root.getElementById('phone') as HTMLInputElement).value = '0521234567';
      (root.getElementById('bday') as HTMLInputElement).value = day;
      root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    };
    submit(' 14/03 ');
    expect(onSave).toHaveBeenLastCalledWith('0521234567', false, { birthday: '03-14' });
    submit('');
    expect(onSave).toHaveBeenLastCalledWith('0521234567', false, undefined);
  });

  it('reads a Persian birthday in the Persian calendar and digits', () => {
    const { root, onSave } = open('fa');
    expect(root.querySelector('label[for=bday]')!.textContent).toBe('تاریخ تولد شمسی (اختیاری، روز/ماه)');
    (root.getElementById('phone') as HTMLInputElement).value = '۰۹۱۲۱۲۳۴۵۶۷';
    (root.getElementById('bday') as HTMLInputElement).value = '۱۲/۵';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(onSave).toHaveBeenLastCalledWith('۰۹۱۲۱۲۳۴۵۶۷', false, { birthday: '08-03' }); // 12 Mordad
    expect(root.querySelector('[role=status]')).not.toBeNull();
  });

  it('says so when the birthday cannot be read, saves nothing, and saves once it is corrected', () => {
    const { root, onSave } = open('ar');
    const phone = root.getElementById('phone') as HTMLInputElement;
    const bday = root.getElementById('bday') as HTMLInputElement;
    phone.value = '0501234567';
    bday.value = '14 مارس';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(onSave).not.toHaveBeenCalled();
    expect(root.querySelector('[role=alert]')!.textContent).toBe('يرجى إدخال تاريخ الميلاد بالشكل يوم/شهر.');
    expect(bday.getAttribute('aria-invalid')).toBe('true');
    expect(bday.getAttribute('aria-describedby')).toBe('error');
    expect(root.activeElement).toBe(bday);
    bday.value = '١٤/٣';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(onSave).toHaveBeenCalledOnce();
    expect(onSave).toHaveBeenLastCalledWith('0501234567', false, { birthday: '03-14' });
  });

  it('moves the error to the number once the birthday is fine', () => {
    const { root } = open('en', vi.fn(() => false));
    const bday = root.getElementById('bday') as HTMLInputElement;
    bday.value = '1990-03-14';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(root.querySelector('[role=alert]')!.textContent).toBe('Please enter your birthday as MM-DD.');
    bday.value = '03-14';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(root.querySelector('[role=alert]')!.textContent).toBe('Please enter a valid mobile number.');
    expect(bday.getAttribute('aria-invalid')).toBe('false');
    expect(root.getElementById('phone')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('sends what the prompt adds (name, birthday) with the number in one identify, and only with a valid number', async () => {
    const identified: Record<string, unknown>[] = [];
    let save: Parameters<PhonePromptModule['showPhonePrompt']>[0]['onSave'] = () => false;
    const module: PhonePromptModule = { showPhonePrompt: (options) => void (save = options.onSave) };
    const host = {
      options: { country: 'IR', phonePrompt: 'after-add' },
      identify: async (traits: Record<string, unknown>) => void identified.push(traits),
      get: async () => undefined,
      set: async () => {},
      load: async () => module,
    } as unknown as PluginHost;
    await startPhones(host, []).afterAdd();
    expect(save('12', true, { birthday: '03-14' })).toBe(false);
    expect(save('09121234567', true)).toBe(true);
    expect(save('09121234567', true, { first_name: 'Sara', name_source: 'prompt', birthday: '1990-03-14' })).toBe(true);
    expect(identified).toEqual([
      { phone: '+989121234567', phone_consent: true },
      { phone: '+989121234567', phone_consent: true, first_name: 'Sara', name_source: 'prompt', birthday: '1990-03-14' },
    ]);
  });
});
