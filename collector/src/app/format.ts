// Numbers, money and dates as the owner reads them: digits of their language, dates in their
// time zone and calendar (Persian calendar for Persian), amounts in the store's currency. Iranian
// stores price in toman (10 rials) although the platforms and the collector hold rials: an IRR
// amount is shown in toman, as the demo's Persian store shows its prices.
import type { LangInfo, Translate } from './i18n/index.js';

export interface Format {
  number(n: number, digits?: number): string;
  percent(part: number, whole: number): string;
  money(value: number, currency: string | null | undefined): string;
  /** Several currencies side by side ("12 € · 3 $"); "0" when there is nothing. */
  moneyList(byCurrency: Record<string, number>): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  /** "3 hours ago", in the owner's language. */
  relative(iso: string): string;
  timeZone: string;
}

export const TZ_COOKIE = 'homing_tz';

/** The zone if the runtime knows it, else undefined (a cookie is browser text). */
export function validTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

export function createFormat(lang: LangInfo, timeZone: string, t: Translate, now: () => Date): Format {
  const locale = lang.intl;
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) numbers.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return f;
  };
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  function money(value: number, currency: string | null | undefined): string {
    const code = (currency ?? '').toUpperCase();
    if (code === 'IRR') return `${numberFormat(0).format(Math.round(value / 10))} ${t('money.toman')}`;
    if (!/^[A-Z]{3}$/.test(code)) return numberFormat(2).format(value);
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(value);
    } catch {
      return `${numberFormat(2).format(value)} ${code}`;
    }
  }

  const when = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };

  return {
    timeZone,
    number: (n, digits = 2) => numberFormat(digits).format(n),
    percent: (part, whole) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(whole > 0 ? part / whole : 0),
    money,
    moneyList: (byCurrency) =>
      Object.entries(byCurrency)
        .filter(([, v]) => v !== 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([c, v]) => money(v, c))
        .join(' · ') || money(0, Object.keys(byCurrency)[0]),
    date: (iso) => {
      const d = when(iso);
      return d ? dateFormat.format(d) : '';
    },
    dateTime: (iso) => {
      const d = when(iso);
      return d ? dateTimeFormat.format(d) : '';
    },
    relative: (iso) => {
      const d = when(iso);
      if (!d) return '';
      let amount = (d.getTime() - now().getTime()) / 1000;
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(amount) < size) return relativeFormat.format(Math.round(amount), unit);
        amount /= size;
      }
      return '';
    },
  };
}
