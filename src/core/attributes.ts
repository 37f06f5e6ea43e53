// Options from the script tag's data-* attributes. A missing or malformed attribute gives one
// console warning naming it and falls back to a safe default: the store's page keeps working.
import type { HomingOptions } from './types.js';

type Read = (name: string) => string | null;

/** attribute → [option, accepted values, conversion]. */
const ATTRIBUTES: [string, keyof HomingOptions, RegExp, ((value: string) => unknown)?][] = [
  ['platform', 'platform', /^(shopify|woocommerce|generic)$/],
  ['country', 'country', /^[a-z]{2}$/i, (value) => value.toUpperCase()],
  ['locale', 'locale', /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i],
  ['phone-prompt', 'phonePrompt', /^(off|after-add)$/],
  ['consent', 'consent', /^(granted|pending)$/],
  ['debug', 'debug', /^(|true|false)$/, (value) => value !== 'false'],
  ['vitals-sample-rate', 'vitalsSampleRate', /^(0|0?\.\d+|1|1\.0*)$/, Number],
];

export function optionsFromAttributes(read: Read, warn: (message: string) => void, base = location.href): HomingOptions {
  const options = {} as Record<keyof HomingOptions, unknown>;
  for (const name of ['write-key', 'collector']) {
    const value = read(`data-${name}`)?.trim();
    if (!value) warn(`data-${name} is missing; nothing is sent`);
    options[name === 'collector' ? 'collector' : 'writeKey'] = value ?? '';
  }
  const malformed = (name: string, value: string) => warn(`data-${name}="${value}" is invalid; ignored`);
  try {
    if (options.collector) options.collector = new URL(options.collector as string, base).href.replace(/^(?!https?:).*/, '');
  } catch {
    options.collector = '';
  }
  if (!options.collector && read('data-collector')?.trim()) malformed('collector', read('data-collector')!);

  for (const [name, key, pattern, convert] of ATTRIBUTES) {
    const value = read(`data-${name}`);
    if (value === null) continue;
    if (pattern.test(value.trim())) options[key] = convert ? convert(value.trim()) : value.trim();
    else {
      malformed(name, value);
      // A malformed consent value must not start sending without consent.
      if (key === 'consent') options.consent = 'pending';
    }
  }
  return options as unknown as HomingOptions;
}
