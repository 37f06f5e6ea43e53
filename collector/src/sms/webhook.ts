// Generic webhook: POSTs {to, body, idempotencyKey} as JSON to a URL of the store's choosing (an
// in-house gateway, Zapier, an SMS relay). The key is also the `Idempotency-Key` header; the receiver
// must dedupe on it, which is what makes this provider safe to retry after a crash. With a secret, the
// body is signed: `X-Homing-Signature: sha256=<hex HMAC of the raw body>`.
import { createHmac } from 'node:crypto';
import { errorForStatus, request, type FetchLike, type SmsProvider } from './provider.js';

export interface WebhookSettings {
  url: string;
  secret?: string;
  headers?: Record<string, string>;
}

export function webhookProvider(settings: WebhookSettings, fetchImpl: FetchLike = fetch): SmsProvider {
  if (!settings.url) throw new Error('sms provider "webhook": url is required');
  // fetch refuses such a URL at every send, and its error (kept with each failed message) would show the password.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(settings.url)) throw new Error('sms provider "webhook": url must not hold a user name or password; send them in "headers" (e.g. {"authorization": "Basic …"})');
  return {
    name: 'webhook',
    idempotent: true,
    async send(message) {
      const body = JSON.stringify({ to: message.to, body: message.body, idempotencyKey: message.idempotencyKey });
      const headers: Record<string, string> = {
        ...settings.headers,
        'content-type': 'application/json',
        'idempotency-key': message.idempotencyKey,
      };
      if (settings.secret) headers['x-homing-signature'] = `sha256=${createHmac('sha256', settings.secret).update(body).digest('hex')}`;
      const response = await request('webhook', fetchImpl, settings.url, { method: 'POST', headers, body });
      const text = await response.text();
      if (!response.ok) throw errorForStatus('webhook', response.status, text);
      let id: string | undefined;
      try {
        const parsed = JSON.parse(text) as { id?: unknown };
        if (parsed && (typeof parsed.id === 'string' || typeof parsed.id === 'number')) id = String(parsed.id);
      } catch {
        // A receiver may answer 200 with an empty or non-JSON body; the send still succeeded.
      }
      return { providerMessageId: id };
    },
  };
}
