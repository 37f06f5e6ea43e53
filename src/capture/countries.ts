// Calling codes, trunk prefixes and national number lengths for turning what shoppers type into
// E.164 in the page. A deliberately small table (libphonenumber-js would cost more than the whole
// page budget); the collector re-validates every number with full metadata.
// Format: ISO code, calling code, trunk prefix ('' when the country dials none), allowed national
// significant number lengths.
const table =
  'IR98,0,10 IL972,0,89 US1,1,10 CA1,1,10 GB44,0,910 DE49,0,67891011 FR33,0,9 TR90,0,10 AE971,0,89 SA966,0,89 IN91,0,10 ' +
  'NL31,0,9 ES34,,9 IT39,,6789101112 RU7,8,10 IQ964,0,10 AF93,0,9';

export interface CountryRule {
  code: string;
  trunk: string;
  /** Allowed lengths of the national significant number. */
  lengths: number[];
}

let parsed: Record<string, CountryRule> | undefined;

function lengthsOf(text: string): number[] {
  // "67891011": one-digit lengths, then two-digit ones once a "1" starts them.
  return text.match(/1\d|\d/g)!.map(Number);
}

export function countryRules(): Record<string, CountryRule> {
  if (!parsed) {
    parsed = {};
    for (const entry of table.split(' ')) {
      const [head, trunk, lengths] = entry.split(',');
      parsed[head.slice(0, 2)] = { code: head.slice(2), trunk, lengths: lengthsOf(lengths) };
    }
  }
  return parsed;
}
