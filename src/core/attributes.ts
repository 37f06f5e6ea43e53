// Options from the script tag's data-* attributes. A missing or malformed attribute gives one
// console warning naming it and falls back to a safe default: the store's page keeps working.
import type { HomingOptions } from './types.js';

type Read = (name: string) => string | null;

/** `data-` attribute (the option's name in kebab case) → [accepted values, conversion]; the first two are required. */
const ATTRIBUTES: [string, RegExp, ((value: string, base: string) => unknown)?][] = [
  ['write-key', /./],
  ['collector', /^(https?:\/\/|\/)/i, (value, base) => new URL(value, base).href],
  ['platform', /^(shopify|woocommerce|generic)$/],
  ['country', /^[a-z]{2}$/i, (value) => value.toUpperCase()],
  ['locale', /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i],
  ['phone-prompt', /^(off|after-add)$/],
  ['consent', /^(granted|pending)$/],
  ['debug', /^(|true|false)$/, (value) => value !== 'false'],
  ['vitals-sample-rate', /^(0|0?\.\d+|1|1\.0*)$/, Number],
];

export function optionsFromAttributes(read: Read, warn: (message: string) => void, base = location.href): HomingOptions {
  const options = { writeKey: '', collector: '' } as Record<string, unknown>;
  ATTRIBUTES.forEach(([name, pattern, convert], index) => {
    const key = name.replace(/-./g, (dash) => dash[1].toUpperCase());
    const value = read(`data-${name}`)?.trim();
    if (value == null) return index < 2 && warn(`data-${name} is missing; nothing is sent`);
    try {
      if (!pattern.test(value)) throw 0;
      options[key] = convert ? convert(value, base) : value;
    } catch {
      warn(`data-${name}="${value}" is invalid; ignored`);
      // A malformed consent value must not start sending without consent.
      if (key == 'consent') options.consent = 'pending';
    }
  });
  return options as unknown as HomingOptions;
}
