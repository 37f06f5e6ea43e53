// A campaign's own send days and send window ("scheduled send days"), in the shopper's zone like
// quiet hours (./quiet-hours.ts): a message due outside them waits for the next allowed minute; it is
// never dropped.
import { localMinutes, minutesOf, type QuietHours } from './quiet-hours.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface SendTimes {
  sendDays?: Weekday[];
  sendWindow?: QuietHours | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local day of the week at `instant` in `timeZone`; an unknown zone falls back to UTC. */
export function localWeekday(instant: Date, timeZone: string): Weekday {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' });
    }
    formatters.set(timeZone, f);
  }
  return f.format(instant).toLowerCase().slice(0, 3) as Weekday;
}

function inWindow(minute: number, window: QuietHours): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return true;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function sendAllowed(instant: Date, timeZone: string, times: SendTimes): boolean {
  if (times.sendDays && !times.sendDays.includes(localWeekday(instant, timeZone))) return false;
  return !times.sendWindow || inWindow(localMinutes(instant, timeZone), times.sendWindow);
}

/** `instant` itself when the campaign may send then, otherwise the first allowed minute after it. */
export function nextSendDayTime(instant: Date, timeZone: string, times: SendTimes): Date {
  let at = instant;
  // Each turn moves to the next local midnight or the window's next start; a week and a DST nudge fit.
  for (let turn = 0; turn < 20; turn++) {
    if (sendAllowed(at, timeZone, times)) return at;
    const minute = localMinutes(at, timeZone);
    const atMinute = at.getTime() - (at.getTime() % 60_000);
    const dayAllowed = !times.sendDays || times.sendDays.includes(localWeekday(at, timeZone));
    const target = dayAllowed && times.sendWindow ? minutesOf(times.sendWindow.start) : 0;
    const wait = (target - minute + 1440) % 1440 || 1440;
    const next = new Date(atMinute + wait * 60_000);
    // A DST jump can land an hour off the target minute: nudge forward so the loop never stalls.
    at = next.getTime() > at.getTime() ? next : new Date(at.getTime() + 3_600_000);
  }
  return at;
}
