// Random ids (messageId, anonymousId, cart ids): 5 unbiased random bits per character from
// crypto.getRandomValues, written in base 32 ([0-9a-v]). The default 24 characters carry 120 bits,
// as many as a UUID v4's 122; the few lines cost the script tag less than a library would.
export const randomId = (size = 24): string => Array.from(crypto.getRandomValues(new Uint8Array(size)), (byte) => (byte & 31).toString(32)).join('');
