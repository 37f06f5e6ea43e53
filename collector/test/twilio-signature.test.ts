// Twilio's webhook signature, checked against the example in Twilio's own documentation
// (https://www.twilio.com/docs/usage/webhooks/webhooks-security: auth token 12345, the URL with its
// query, the five POST fields, and the signature Twilio sent).
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from '../src/sms/twilio-signature.js';

const authToken = '12345';
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const form: [string, string][] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+14158675310'],
  ['Digits', '1234'],
  ['From', '+14158675310'],
  ['To', '+18005551212'],
];

describe('X-Twilio-Signature', () => {
  it("matches Twilio's documented example, whatever the order the fields arrive in", () => {
    expect(twilioSignature(authToken, url, form)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(verifyTwilioSignature(authToken, url, [...form].reverse(), 'GvWf1cFY/Q7PnoempGyD5oXAezc=')).toBe(true);
  });

  it('refuses a changed field, another URL, another token, and a missing header', () => {
    const signature = twilioSignature(authToken, url, form);
    expect(verifyTwilioSignature(authToken, url, [...form.slice(0, 4), ['To', '+18005551213']], signature)).toBe(false);
    expect(verifyTwilioSignature(authToken, 'https://mycompany.com/myapp.php?foo=1&bar=3', form, signature)).toBe(false);
    expect(verifyTwilioSignature('54321', url, form, signature)).toBe(false);
    expect(verifyTwilioSignature(authToken, url, form, undefined)).toBe(false);
  });
});
