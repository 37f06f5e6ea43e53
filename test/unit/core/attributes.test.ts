import { describe, expect, it } from 'vitest';
import { optionsFromAttributes } from '../../../src/core/attributes.js';

function parse(attributes: Record<string, string>) {
  const warnings: string[] = [];
  const options = optionsFromAttributes((name) => attributes[name] ?? null, (m) => warnings.push(m), 'https://shop.example/products/1');
  return { options, warnings };
}
const base = { 'data-write-key': 'wk_live_1', 'data-collector': 'https://collect.example' };

describe('script tag attributes', () => {
  it('reads every documented attribute', () => {
    const { options, warnings } = parse({
      ...base,
      'data-platform': 'woocommerce',
      'data-country': 'ir',
      'data-locale': 'fa-IR',
      'data-phone-prompt': 'after-add',
      'data-consent': 'pending',
      'data-debug': '',
      'data-vitals-sample-rate': '0.25',
    });
    expect(warnings).toEqual([]);
    expect(options).toEqual({
      writeKey: 'wk_live_1',
      collector: 'https://collect.example/',
      platform: 'woocommerce',
      country: 'IR',
      locale: 'fa-IR',
      phonePrompt: 'after-add',
      consent: 'pending',
      debug: true,
      vitalsSampleRate: 0.25,
    });
  });

  it('resolves a relative collector against the page', () => {
    expect(parse({ ...base, 'data-collector': '/collect' }).options.collector).toBe('https://shop.example/collect');
  });

  it('gives one warning naming a missing required attribute', () => {
    expect(parse({ 'data-collector': 'https://c.example' }).warnings).toEqual(['data-write-key is missing; nothing is sent']);
    expect(parse({ 'data-write-key': 'wk' }).warnings).toEqual(['data-collector is missing; nothing is sent']);
  });

  it.each([
    ['data-collector', 'javascript:alert(1)'],
    ['data-collector', 'http://['],
    ['data-platform', 'magento'],
    ['data-country', 'Iran'],
    ['data-locale', 'not a locale'],
    ['data-phone-prompt', 'always'],
    ['data-debug', 'yes'],
    ['data-vitals-sample-rate', '2'],
    ['data-vitals-sample-rate', 'half'],
  ])('gives one warning naming a malformed %s="%s" and ignores it', (name, value) => {
    const { options, warnings } = parse({ ...base, [name]: value });
    expect(warnings).toEqual([`${name}="${value}" is invalid; ignored`]);
    expect(options.writeKey).toBe('wk_live_1');
  });

  it('treats a malformed consent value as pending: never send without consent', () => {
    const { options, warnings } = parse({ ...base, 'data-consent': 'yes please' });
    expect(options.consent).toBe('pending');
    expect(warnings).toEqual(['data-consent="yes please" is invalid; ignored']);
  });
});
