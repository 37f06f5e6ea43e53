// Phone numbers in identify traits are validated with libphonenumber-js's full metadata (the
// "min" set accepts numbers of the right length that are not valid) and stored in E.164.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** E.164, or null when the text is not a valid number. */
export function toE164(text: string, defaultCountry?: string): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}
