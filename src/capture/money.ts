// Exact conversion of platform money (integer minor units, as a number or a decimal string) to the
// major-unit numbers the protocol carries. Done on the digit string, never with `x / 100`, so
// "1999" with 2 decimals is 19.99 and not 19.990000000000002 after any arithmetic, and a
// zero-decimal currency (IRR, JPY: WooCommerce `currency_minor_unit: 0`) stays as it is.
export function fromMinorUnits(amount: unknown, minorUnit: unknown = 2): number | undefined {
  const digits = String(amount ?? '').trim();
  const decimals = Number(minorUnit);
  if (!/^-?\d+$/.test(digits) || !(decimals >= 0 && decimals <= 8)) return undefined;
  const negative = digits[0] == '-';
  const padded = (negative ? digits.slice(1) : digits).padStart(decimals + 1, '0');
  const cut = padded.length - decimals;
  return Number(`${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}0`);
}

/** Major units from a shopper-facing attribute such as data-homing-price="1,250,000" or "19.99". */
export function parsePrice(text: string | null | undefined): number | undefined {
  if (text == null) return undefined;
  const value = Number(String(text).replace(/[\s,]/g, ''));
  return text !== '' && isFinite(value) ? value : undefined;
}
