// Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded
// To, From (or MessagingServiceSid), Body, HTTP Basic auth AccountSid:AuthToken; 201 with the Message
// resource ({sid, status, ...}).
// https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
// The Messages API takes no idempotency key of ours, so this adapter is not `idempotent`: a message
// whose send was interrupted by a crash is marked "unknown", never sent blindly a second time.
import { errorForStatus, request, type FetchLike, type SmsProvider } from './provider.js';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  statusCallback?: string;
  /** Tests point this at a local fake server. */
  baseUrl?: string;
}

export function twilioProvider(settings: TwilioSettings, fetchImpl: FetchLike = fetch): SmsProvider {
  if (!settings.accountSid || !settings.authToken) throw new Error('sms provider "twilio": accountSid and authToken are required');
  if (!settings.from && !settings.messagingServiceSid) throw new Error('sms provider "twilio": from or messagingServiceSid is required');
  const base = (settings.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    name: 'twilio',
    idempotent: false,
    async send(message) {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
      else form.set('From', settings.from!);
      if (settings.statusCallback) form.set('StatusCallback', settings.statusCallback);
      const response = await request('twilio', fetchImpl, url, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const text = await response.text();
      if (!response.ok) throw errorForStatus('twilio', response.status, text);
      const parsed = JSON.parse(text) as { sid?: string };
      return { providerMessageId: parsed.sid };
    },
  };
}
