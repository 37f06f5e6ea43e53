// Live SMS length: how many segments a text costs (3GPP TS 23.038). A text made only of the GSM 03.38
// default alphabet travels as GSM-7: 160 septets in one segment, 153 per part once concatenated (the
// user data header takes 7); characters of the extension table (€ [ ] { } \ ^ ~ | and form feed) cost
// two septets (escape + char) and an escape pair never straddles two parts. Anything else (Persian,
// Arabic, Hebrew, emoji) makes the whole text UCS-2: 70 UTF-16 code units in one segment, 67 per part,
// and a surrogate pair is never split.
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
export const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units one segment holds at the current count (160/153 or 70/67). */
  perSegment: number;
  /** Units left before the text needs one more segment. */
  remaining: number;
  /** Characters that forced UCS-2 (at most 10), to help an editor replace them. */
  nonGsmCharacters: string[];
}

export function countSegments(text: string): SegmentCount {
  const chars = Array.from(text);
  const nonGsm = chars.filter((c) => !basic.has(c) && !extension.has(c));
  if (nonGsm.length === 0) {
    const widths = chars.map((c) => (extension.has(c) ? 2 : 1));
    return build('GSM-7', widths, 160, 153, []);
  }
  // UCS-2: astral characters (emoji) are two code units that must stay in one part.
  const widths = chars.map((c) => c.length);
  return build('UCS-2', widths, 70, 67, [...new Set(nonGsm)].slice(0, 10));
}

export function build(encoding: SmsEncoding, widths: number[], single: number, part: number, nonGsmCharacters: string[]): SegmentCount {
  const units = widths.reduce((a, b) => a + b, 0);
  if (units <= single) {
    return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single, remaining: single - units, nonGsmCharacters };
  }
  // Greedy fill: a character that does not fit whole in the current part starts the next one.
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > part) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding, units, segments, perSegment: part, remaining: part - used, nonGsmCharacters };
}
