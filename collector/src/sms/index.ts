// Picks the provider from configuration: {"provider": "outbox" | "webhook" | "twilio" | "kavenegar", ...settings}.
import { kavenegarProvider, type KavenegarSettings } from './kavenegar.js';
import { outboxProvider } from './outbox.js';
import type { FetchLike, SmsProvider } from './provider.js';
import { twilioProvider, type TwilioSettings } from './twilio.js';
import { webhookProvider, type WebhookSettings } from './webhook.js';

export type ProviderSettings =
  | { provider: 'outbox' }
  | ({ provider: 'webhook' } & WebhookSettings)
  | ({ provider: 'twilio' } & TwilioSettings)
  | ({ provider: 'kavenegar' } & KavenegarSettings);

export function createProvider(settings: ProviderSettings | undefined, log: (line: string) => void = () => {}, fetchImpl: FetchLike = fetch): SmsProvider {
  switch (settings?.provider ?? 'outbox') {
    case 'outbox':
      return outboxProvider(log);
    case 'webhook':
      return webhookProvider(settings as WebhookSettings, fetchImpl);
    case 'twilio':
      return twilioProvider(settings as TwilioSettings, fetchImpl);
    case 'kavenegar':
      return kavenegarProvider(settings as KavenegarSettings, fetchImpl);
    default:
      throw new Error(`sms provider "${(settings as { provider: string }).provider}" is unknown (outbox, webhook, twilio, kavenegar)`);
  }
}

export type { SmsMessage, SmsProvider, SendResult } from './provider.js';
export { SmsSendError } from './provider.js';
