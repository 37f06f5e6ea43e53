// Default provider: nothing leaves the collector. The message stays in the campaigns outbox, where
// the owner app's Outbox shows it: the demo and local development need no account. The line given to `log`
// holds a phone number and a text, so the collector logs it at debug level only.
import type { SendResult, SmsMessage, SmsProvider } from './provider.js';

export function outboxProvider(log: (line: string) => void = () => {}): SmsProvider {
  return {
    name: 'outbox',
    idempotent: true,
    async send(message: SmsMessage): Promise<SendResult> {
      log(`SMS to ${message.to}: ${message.body}`);
      return { providerMessageId: `outbox-${message.outboxId}` };
    },
  };
}
