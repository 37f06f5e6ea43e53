// Sends e-mail through the operator's SMTP server with nodemailer (pooled connections). SMTP takes
// no idempotency key: a mail the server refused (a 4xx or 5xx answer) was not sent and may be tried
// again (4xx) or not (5xx); a connection lost once the message was on its way may have delivered
// it, so it is reported `maybeSent` and the dispatcher does not send it again
// (../campaigns/dispatch.ts). The SMTP URL holds the login: it never reaches an error text, a log
// or an answer.
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { SmsSendError } from '../sms/provider.js';

export interface OutgoingEmail {
  from: string;
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  listUnsubscribe: string;
}

export interface EmailSender {
  readonly name: string;
  /** A message id derived from the outbox row's idempotency key: the same on every attempt. */
  send(email: OutgoingEmail, idempotencyKey: string): Promise<{ providerMessageId?: string }>;
  close(): void;
}

/** Commands before the message itself: an error there means nothing was handed over. */
const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL|RCPT)/;
const NEVER_SENT = new Set(['ECONNECTION', 'EDNS', 'EAUTH', 'ETLS', 'EENVELOPE', 'ENOAUTH']);

export function smtpSender(smtpUrl: string, messageIdHost: string): EmailSender {
  const url = new URL(smtpUrl);
  const secrets = [url.password, decodeURIComponent(url.password), url.username, decodeURIComponent(url.username)].filter((s) => s.length >= 3);
  const clean = (text: string) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text.replace(/smtps?:\/\/[^\s@/]*@/gi, 'smtp://[redacted]@'));
  const options: SMTPPool.Options = {
    pool: true,
    maxConnections: 2,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
  };
  const transport = nodemailer.createTransport(options);
  return {
    name: 'smtp',
    async send(email, idempotencyKey) {
      const id = `${Buffer.from(idempotencyKey).toString('base64url').slice(0, 120)}@${messageIdHost}`;
      try {
        const info = await transport.sendMail({
          from: email.from,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: `<${id}>`,
          headers: { 'List-Unsubscribe': email.listUnsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
        return { providerMessageId: info.messageId };
      } catch (error) {
        const e = error as Error & { code?: string; responseCode?: number; command?: string };
        const message = `smtp: ${clean(e.message ?? String(error)).slice(0, 300)}`;
        if (typeof e.responseCode === 'number') return Promise.reject(new SmsSendError(message, e.responseCode >= 500, e.responseCode));
        const maybeSent = !NEVER_SENT.has(e.code ?? '') && !BEFORE_DATA.test(e.command ?? '');
        throw new SmsSendError(message, false, undefined, maybeSent);
      }
    },
    close: () => transport.close(),
  };
}
