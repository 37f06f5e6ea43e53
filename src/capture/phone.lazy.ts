// The phone chunk (dist/lazy/phone.mjs): most store pages have no phone field, so this is loaded
// only once one shows up or after an add to cart (phone-trigger.ts decides). It reads the numbers
// shoppers type into E.164 with the store's default country, identifies the shopper once per
// number and consent, and after an add to cart offers the phone prompt (phonePrompt: 'after-add').
import type { PluginHost } from '../core/types.js';
import { toE164 } from './phone.js';
import { phoneFieldCheck, watchPhoneFields, type PhoneListener } from './phone-watch.js';

/** What the lazy phone-prompt chunk exports (src/widgets/phone-prompt/phone-prompt.lazy.ts). */
export interface PhonePromptModule {
  showPhonePrompt(options: { locale?: string; onSave(raw: string, consent: boolean, birthday: string): boolean; onDismiss(): void }): void;
}

export interface Phones {
  /** Offers the phone prompt when the store asks for it and no number is known yet. */
  afterAdd(): Promise<void>;
}

/** Watches phone fields from now on, after reading the ones the shopper left or changed before this chunk arrived. */
export function startPhones(host: PluginHost, earlier: EventTarget[]): Phones {
  const { country, locale, phonePrompt } = host.options;
  let phoneKey: string | undefined;
  let prompt: unknown;
  const state = Promise.all([host.get<string>('c.phone'), host.get('c.prompt')]).then(([phone, seen]) => {
    phoneKey ??= phone;
    prompt = seen;
  });

  const identify = (phone: string, consent: boolean): void => {
    const key = `${phone} ${consent}`;
    if (key == phoneKey) return;
    phoneKey = key;
    host.identify({ phone, phone_consent: consent });
    host.set('c.phone', key);
  };
  const listener: PhoneListener = (raw, consent) => {
    const phone = toE164(raw, country);
    if (phone) identify(phone, consent);
  };

  // After the stored number is known, so a field the shopper left as it was sends no second identify.
  void state.then(() => earlier.forEach(phoneFieldCheck(listener)));
  watchPhoneFields(listener);
  return {
    async afterAdd() {
      await state;
      if (phonePrompt != 'after-add' || phoneKey || prompt) return;
      prompt = 'shown';
      const module = await host.load<PhonePromptModule>('phone-prompt');
      module.showPhonePrompt({
        locale,
        onSave(raw, consent, birthday) {
          const phone = toE164(raw, country);
          if (phone) identify(phone, consent);
          // The optional birthday ("MM-DD" or "YYYY-MM-DD"; the collector checks the date itself).
          birthday = birthday.trim();
          if (phone && /^(\d{4}-)?\d\d-\d\d$/.test(birthday)) host.identify({ birthday });
          return !!phone;
        },
        onDismiss: () => host.set('c.prompt', 'dismissed'),
      });
    },
  };
}
