// Options from the script tag's data-* attributes. A missing or malformed attribute gives one
// console warning naming it and falls back to a safe default: the store's page keeps working.
import type { HomingOptions } from './types.js';

type Read = (name: string) => string | null;

export function optionsFromAttributes(read: Read, warn: (message: string) => void, base = location.href): HomingOptions {
  const bad = (name: string, value: string, expected: string) => warn(`data-${name}="${value}" is not ${expected}; ignored`);
  const oneOf = <T extends string>(name: string, allowed: T[]): T | undefined => {
    const value = read(`data-${name}`);
    if (value === null) return undefined;
    if ((allowed as string[]).includes(value)) return value as T;
    bad(name, value, `one of ${allowed.join(', ')}`);
  };
  const required = (name: string) => {
    const value = read(`data-${name}`)?.trim();
    if (!value) warn(`data-${name} is missing: events are kept in this browser but not sent`);
    return value ?? '';
  };

  const options: HomingOptions = { writeKey: required('write-key'), collector: required('collector') };
  if (options.collector) {
    try {
      const url = new URL(options.collector, base);
      if (!/^https?:$/.test(url.protocol)) throw 0;
      options.collector = url.href;
    } catch {
      bad('collector', options.collector, 'an http(s) URL');
      options.collector = '';
    }
  }
  options.platform = oneOf('platform', ['shopify', 'woocommerce', 'generic']);
  options.phonePrompt = oneOf('phone-prompt', ['off', 'after-add']);
  // A malformed consent value must not start sending without consent.
  options.consent = oneOf('consent', ['granted', 'pending']) ?? (read('data-consent') === null ? 'granted' : 'pending');
  const debug = oneOf('debug', ['', 'true', 'false']);
  if (debug !== undefined) options.debug = debug !== 'false';

  const country = read('data-country');
  if (country !== null) {
    if (/^[a-z]{2}$/i.test(country)) options.country = country.toUpperCase();
    else bad('country', country, 'an ISO 3166 alpha-2 code such as IR');
  }
  const locale = read('data-locale');
  if (locale !== null) {
    try {
      options.locale = Intl.getCanonicalLocales(locale)[0];
    } catch {
      bad('locale', locale, 'a BCP 47 locale such as fa-IR');
    }
  }
  const rate = read('data-vitals-sample-rate');
  if (rate !== null) {
    const value = rate.trim() === '' ? NaN : Number(rate);
    if (value >= 0 && value <= 1) options.vitalsSampleRate = value;
    else bad('vitals-sample-rate', rate, 'a number from 0 to 1');
  }
  for (const key of Object.keys(options) as (keyof HomingOptions)[]) if (options[key] === undefined) delete options[key];
  return options;
}
