import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromMinorUnits, parsePrice } from '../../../src/capture/money.js';

describe('fromMinorUnits', () => {
  it('converts minor-unit strings and numbers exactly', () => {
    expect(fromMinorUnits('1999', 2)).toBe(19.99);
    expect(fromMinorUnits(1999)).toBe(19.99);
    expect(fromMinorUnits('5', 2)).toBe(0.05);
    expect(fromMinorUnits('0', 2)).toBe(0);
    expect(fromMinorUnits('1250000', 0)).toBe(1250000);
    expect(fromMinorUnits('12345', 3)).toBe(12.345);
    expect(fromMinorUnits(29, 2)).toBe(0.29); // 29 / 100 is 0.29, but 0.29 * 100 !== 29: never multiply
  });
  it('gives the same number as the decimal literal for any amount (no float drift)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }), (amount, decimals) => {
        const text = amount.toString().padStart(decimals + 1, '0');
        const literal = decimals ? `${text.slice(0, -decimals)}.${text.slice(-decimals)}` : text;
        expect(fromMinorUnits(amount.toString(), decimals)).toBe(Number(literal));
      }),
    );
  });
  it('refuses what is not an integer amount', () => {
    expect(fromMinorUnits('19.99', 2)).toBeUndefined();
    expect(fromMinorUnits(undefined)).toBeUndefined();
    expect(fromMinorUnits('12', 'x')).toBeUndefined();
  });
  it('parses shopper-facing prices', () => {
    expect(parsePrice('1,250,000')).toBe(1250000);
    expect(parsePrice('12.50')).toBe(12.5);
    expect(parsePrice('')).toBeUndefined();
    expect(parsePrice('abc')).toBeUndefined();
  });
});
