// The date range a page reports on: whole days in the owner's time zone, `from` and `to`
// inclusive (query `from`/`to` as YYYY-MM-DD, or `days` = 7, 30, 90: the last n days to today).
export const PRESETS = [7, 30, 90] as const;
const DAY = 86_400_000;

export interface DateRange {
  from: string;
  to: string;
  /** The preset the range equals, if any. */
  days?: number;
  /** First instant of `from` and first instant after `to`, ISO UTC: compare with stored timestamps. */
  start: string;
  end: string;
  /** Each day of the range with its own start and end instant. */
  dayList: { day: string; start: string; end: string }[];
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of an instant in a zone, YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offset(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(at / 1000) * 1000;
}

/** The first instant of a local day in a zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const [, y, m, d] = YMD.exec(day)!.map(Number);
  const guess = Date.UTC(y!, m! - 1, d!);
  let at = guess - offset(guess, timeZone);
  at = guess - offset(at, timeZone);
  return new Date(at);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const validDay = (value: unknown): value is string => typeof value === 'string' && YMD.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** `presets` and `defaultDays`: a page that reports on longer spans (retention) offers its own. */
export function parseRange(query: Record<string, unknown>, now: Date, timeZone: string, presets: readonly number[] = PRESETS, defaultDays = 30): DateRange {
  const today = localDay(now, timeZone);
  let from: string;
  let to: string;
  if (validDay(query.from) || validDay(query.to)) {
    to = validDay(query.to) ? query.to : today;
    from = validDay(query.from) ? query.from : addDays(to, -29);
    if (from > to) [from, to] = [to, from];
    // At most a year, so a range is always a few hundred days.
    if (Date.parse(to) - Date.parse(from) > 366 * DAY) from = addDays(to, -366);
  } else {
    const days = presets.find((p) => String(p) === query.days) ?? defaultDays;
    to = today;
    from = addDays(today, -(days - 1));
  }
  const dayList: DateRange['dayList'] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    dayList.push({ day, start: startOfDay(day, timeZone).toISOString(), end: startOfDay(addDays(day, 1), timeZone).toISOString() });
  }
  const days = to === today ? presets.find((p) => addDays(today, -(p - 1)) === from) : undefined;
  return { from, to, days, start: dayList[0]!.start, end: dayList[dayList.length - 1]!.end, dayList };
}
