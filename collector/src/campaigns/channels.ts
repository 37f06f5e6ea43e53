// How a message of each channel is made and sent, for the dispatcher (./dispatch.ts): the SMS text
// through the store's SMS provider, the e-mail through SMTP. What `render` returns is stored in the
// outbox row before `send` is called, and a retry sends exactly that again.
import type { FeatureContext } from '../feature.js';
import type { SendResult, SmsProvider } from '../sms/index.js';
import { SmsSendError } from '../sms/index.js';
import type { EmailSender } from '../email/smtp.js';
import type { CampaignsConfig } from './config.js';
import { renderEmail, type EmailMessage } from './email-render.js';
import { renderMessage, type OutboxRow, type Shopper } from './render.js';
import { countSegments } from './segments.js';

export interface Channel {
  name: string;
  /** True when sending the same message twice cannot reach the shopper twice. */
  idempotent: boolean;
  render(ctx: FeatureContext, config: CampaignsConfig, row: OutboxRow, shopper: Shopper, now: Date): Promise<{ body: string; linkCode: string; segments: number | null }>;
  send(row: OutboxRow, body: string): Promise<SendResult>;
}

export function smsChannel(provider: SmsProvider): Channel {
  return {
    name: provider.name,
    idempotent: provider.idempotent,
    async render(ctx, config, row, shopper, now) {
      const { body, linkCode } = await renderMessage(ctx, config, row, shopper, now);
      return { body, linkCode, segments: countSegments(body).segments };
    },
    send: (row, body) => provider.send({ to: row.phone, body, idempotencyKey: row.idempotency_key, outboxId: row.id }),
  };
}

/** The stored body of an email message is the whole e-mail as JSON. */
export function emailChannel(sender: EmailSender | undefined): Channel {
  return {
    name: sender?.name ?? 'smtp',
    idempotent: false,
    async render(ctx, config, row, shopper, now) {
      if (!sender) throw new SmsSendError('no SMTP server: set the campaigns\' "email" settings', true);
      const { email, linkCode } = await renderEmail(ctx, config, row, shopper, now);
      return { body: JSON.stringify(email), linkCode, segments: null };
    },
    async send(row, body) {
      if (!sender) throw new SmsSendError('no SMTP server: set the campaigns\' "email" settings', true);
      return sender.send(JSON.parse(body) as EmailMessage, row.idempotency_key);
    },
  };
}
