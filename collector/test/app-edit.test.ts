// The editing screens' server-side pieces: the browser's segment counter is the sender's own (same
// count for any text), the history's readable diff, and human delays.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countSegments } from '../src/campaigns/segments.js';
import { SEGMENTS_SCRIPT } from '../src/campaigns/segments-script.js';
import { differences } from '../src/app/edit/audit-diff.js';
import { humanDelay } from '../src/app/edit/campaigns-page.js';

function browserCounter(): (text: string) => unknown {
  const scope: { countSegments?: (text: string) => unknown } = {};
  new Function('self', SEGMENTS_SCRIPT)(scope);
  return scope.countSegments!;
}

describe('the segment count shown while typing', () => {
  it('is the sender’s count for any text: GSM-7, extension characters, Persian, emoji, long texts', () => {
    const inBrowser = browserCounter();
    const pieces = fc.constantFrom('a', 'Hello ', '€', '[', '{link}', 'سلام ', 'ש', '😀', '\n', 'é', '~', 'x'.repeat(150));
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      expect(inBrowser(text)).toEqual(countSegments(text));
    }));
  });
});

describe('the settings history diff', () => {
  it('names each changed value by its path, with steps counted from 1 and secrets never opened', () => {
    const before = { enabled: true, steps: [{ after: '1d', template: { fa: 'قدیم {link}' } }], shopify: { webhookSecret: { set: true } } };
    const after = { enabled: true, steps: [{ after: '2h', template: { fa: 'تازه {link}', en: 'New {link}' } }], shopify: { webhookSecret: { set: true }, shopDomain: 'x.myshopify.com' } };
    expect(differences(before, after)).toEqual([
      { path: 'steps › 1 › after', before: '1d', after: '2h' },
      { path: 'steps › 1 › template › fa', before: 'قدیم {link}', after: 'تازه {link}' },
      { path: 'steps › 1 › template › en', after: 'New {link}' },
      { path: 'shopify › shopDomain', after: 'x.myshopify.com' },
    ]);
  });
});

describe('delays in human units', () => {
  it.each([
    ['30m', { amount: 30, unit: 'm' }],
    ['23h', { amount: 23, unit: 'h' }],
    ['9d', { amount: 9, unit: 'd' }],
    ['90s', { amount: 1.5, unit: 'm' }],
  ])('%s', (after, shown) => expect(humanDelay(after)).toEqual(shown));
});
