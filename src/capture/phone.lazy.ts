// The phone chunk (dist/lazy/phone.mjs): most store pages have no phone field, so this is loaded
// only once one (or an e-mail field) shows up or after an add to cart (phone-trigger.ts decides).
// It reads the numbers shoppers type into E.164 with the store's default country, identifies the
// shopper once per number and consent (and once per e-mail address typed, ./email-watch.ts), and
// after an add to cart offers the phone prompt (phonePrompt: 'after-add'). The prompt's identify
// also carries the first name typed there, marked `name_source: 'prompt'`: the collector greets by
// that name, never by a first_name any other identify carries.
import type { PluginHost } from '../core/types.js';
import { toE164 } from './phone.js';
import { phoneFieldCheck, watchPhoneFields, type PhoneListener } from './phone-watch.js';
import { emailFieldCheck } from './email-watch.js';

/** What the prompt's optional fields add to the identify (checked there: a birthday only as MM-DD or YYYY-MM-DD). */
export interface PromptTraits {
  first_name?: string;
  name_source?: 'prompt';
  birthday?: string;
}

/** What the lazy phone-prompt chunk exports (src/widgets/phone-prompt/phone-prompt.lazy.ts). */
export interface PhonePromptModule {
  showPhonePrompt(options: { locale?: string; onSave(raw: string, consent: boolean, extra?: PromptTraits): boolean; onDismiss(): void }): void;
}

export interface Phones {
  /** Offers the phone prompt when the store asks for it and no number is known yet. */
  afterAdd(): Promise<void>;
}

/** Watches phone fields from now on, after reading the ones the shopper left or changed before this chunk arrived. */
export function startPhones(host: PluginHost, earlier: EventTarget[]): Phones {
  const { country, locale, phonePrompt } = host.options;
  let phoneKey: string | undefined;
  let emailKey: string | undefined;
  let prompt: unknown;
  const state = Promise.all([host.get<string>('c.phone'), host.get('c.prompt'), host.get<string>('c.email')]).then(([phone, seen, email]) => {
    phoneKey ??= phone;
    emailKey ??= email;
    prompt = seen;
  });

  // `extra`: what the prompt adds (a first name marked name_source "prompt", a birthday), news even
  // when the watcher already sent this number from the prompt's own field.
  const identify = (phone: string, consent: boolean, extra?: PromptTraits): void => {
    const key = `${phone} ${consent}`;
    if (key == phoneKey && !extra) return;
    phoneKey = key;
    host.identify({ phone, phone_consent: consent, ...extra });
    host.set('c.phone', key);
  };
  const listener: PhoneListener = (raw, consent) => {
    const phone = toE164(raw, country);
    if (phone) identify(phone, consent);
  };

  const email = emailFieldCheck((address) => {
    if (address == emailKey) return;
    emailKey = address;
    host.identify({ email: address });
    host.set('c.email', address);
  });
  const check = phoneFieldCheck(listener);
  // After the stored number is known, so a field the shopper left as it was sends no second identify.
  void state.then(() => earlier.forEach((field) => (check(field), email(field))));
  watchPhoneFields(listener, document, email);
  return {
    async afterAdd() {
      await state;
      if (phonePrompt != 'after-add' || phoneKey || prompt) return;
      prompt = 'shown';
      const module = await host.load<PhonePromptModule>('phone-prompt');
      module.showPhonePrompt({
        locale,
        onSave(raw, consent, extra) {
          const phone = toE164(raw, country);
          if (phone) identify(phone, consent, extra);
          return !!phone;
        },
        onDismiss: () => host.set('c.prompt', 'dismissed'),
      });
    },
  };
}
