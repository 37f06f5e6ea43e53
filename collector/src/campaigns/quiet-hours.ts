// Quiet hours in the shopper's own time zone (IANA name from the events' context.timezone): a
// message due at 23:10 Tehran time waits until the window ends (e.g. 09:00 Tehran time).
export interface QuietHours {
  /** "HH:MM", local time the window starts. */
  start: string;
  /** "HH:MM", local time the window ends (may be on the next day). */
  end: string;
}

export function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`quiet hours: "${hhmm}" is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since local midnight at `instant` in `timeZone`; an unknown zone falls back to UTC. */
export function localMinutes(instant: Date, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}

export function isQuiet(instant: Date, timeZone: string, quiet: QuietHours): boolean {
  const now = localMinutes(instant, timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** `instant` itself when sending is allowed, otherwise the first minute after the window ends. */
export function nextSendableTime(instant: Date, timeZone: string, quiet: QuietHours | null | undefined): Date {
  if (!quiet || !isQuiet(instant, timeZone, quiet)) return instant;
  const now = localMinutes(instant, timeZone);
  const wait = (minutesOf(quiet.end) - now + 1440) % 1440;
  const atMinute = new Date(instant.getTime() - (instant.getTime() % 60_000));
  const candidate = new Date(atMinute.getTime() + wait * 60_000);
  // A DST jump can move the local clock by an hour in between: check once more and nudge forward.
  return isQuiet(candidate, timeZone, quiet) ? new Date(candidate.getTime() + 3_600_000) : candidate;
}
