// Per-shopper frequency cap: at most `max` messages to one phone in any `hours`-hour window, across
// every campaign (a shopper does not care which campaign sent the third SMS of the day).
export interface FrequencyCap {
  max: number;
  hours: number;
}

/** `now` when one more message fits, otherwise when the oldest message in the window leaves it. */
export function nextSlotUnderCap(sentAt: Date[], now: Date, cap: FrequencyCap | null | undefined): Date {
  if (!cap) return now;
  const windowMs = cap.hours * 3_600_000;
  const inWindow = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs && t <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < cap.max) return now;
  return new Date(inWindow[inWindow.length - cap.max]! + windowMs);
}
