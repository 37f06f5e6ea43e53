import { describe, expect, it } from 'vitest';
import { asciiDigits, toE164 } from '../../../src/capture/phone.js';

describe('toE164', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    // Iran: national with trunk 0, Persian and Arabic-Indic digits, with and without "+"/"00"
    ['09121234567', 'IR', '+989121234567'],
    ['۰۹۱۲ ۱۲۳ ۴۵۶۷', 'IR', '+989121234567'],
    ['٠٩١٢١٢٣٤٥٦٧', 'IR', '+989121234567'],
    ['9121234567', 'IR', '+989121234567'],
    ['989121234567', 'IR', '+989121234567'],
    ['+98 (912) 123-4567', undefined, '+989121234567'],
    ['0098 912 123 4567', 'US', '+989121234567'],
    ['＋９８９１２１２３４５６７', undefined, '+989121234567'],
    // Israel, US/Canada, UK, Germany, France, Turkey, UAE, Saudi Arabia, India
    ['050-123-4567', 'IL', '+972501234567'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['1-415-555-2671', 'US', '+14155552671'],
    ['604 555 0199', 'CA', '+16045550199'],
    ['07700 900123', 'GB', '+447700900123'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['0532 123 45 67', 'TR', '+905321234567'],
    ['050 123 4567', 'AE', '+971501234567'],
    ['0512345678', 'SA', '+966512345678'],
    ['098765 43210', 'IN', '+919876543210'],
    ['+91 98765 43210 ext. 12', undefined, '+919876543210'],
    // not phone numbers
    ['12345', 'IR', undefined],
    ['0912123456', 'IR', undefined],
    ['hello 0912', 'IR', undefined],
    ['4111 1111 1111 1111', 'US', undefined],
    ['09121234567', undefined, undefined],
    ['', 'IR', undefined],
  ];
  it.each(cases)('%s (default %s) is %s', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it('maps every Persian, Arabic-Indic and full-width digit to ASCII', () => {
    expect(asciiDigits('۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ ０１２３４５６７８９')).toBe('0123456789 0123456789 0123456789');
  });
});
