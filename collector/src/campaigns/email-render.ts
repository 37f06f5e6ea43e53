// Turns a claimed email outbox row into the e-mail: subject, plain text and HTML from the step's
// e-mail template in the shopper's language, the same short link as an SMS would carry, the
// store's postal address and a one-click unsubscribe (RFC 8058: List-Unsubscribe with an https and
// a mailto address, List-Unsubscribe-Post). Like the SMS (./render.ts), nothing a browser sent
// reaches it but a name that passed personName and the id of an order the platform confirmed; every value is HTML-escaped,
// and the template's own text too.
import type { FeatureContext } from '../feature.js';
import type { OutgoingEmail } from '../email/smtp.js';
import { escapeHtml } from '../html.js';
import type { CampaignsConfig } from './config.js';
import { emailTemplateOf, mailbox, storeEmail } from './email-config.js';
import { UNSUBSCRIBE_LABEL } from './email-templates.js';
import { languageOf } from './locale.js';
import { NothingToSend, prepareMessage, withoutGreeting, type OutboxRow, type Shopper } from './render.js';
import { renderTemplate } from './template.js';
import { unsubscribeUrl } from './unsubscribe-token.js';

/** What is stored in the outbox row before the SMTP server is called, and sent as it is on a retry. */
export interface EmailMessage extends OutgoingEmail {
  /** The https unsubscribe URL (also in the footer). */
  unsubscribe: string;
}

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'yi', 'ps', 'dv', 'ckb', 'sd', 'ug']);

// Stand-ins for placeholder values while the template's own text is escaped: private-use characters.
const TOKEN = /\uE000(\d+)\uE001/g;

/** The body as HTML paragraphs: template text escaped, values escaped, {link} a link. */
function htmlParagraphs(template: string, values: Record<string, string | undefined>, dir: string): string {
  const keys = Object.keys(values);
  const tokens = Object.fromEntries(keys.map((key, i) => [key, values[key] ? `\uE000${i}\uE001` : '']));
  const marked = renderTemplate(template, tokens);
  return marked
    .split(/\n{2,}/)
    .map((paragraph) => {
      const html = escapeHtml(paragraph.trim())
        .replace(/\n/g, '<br>')
        .replace(TOKEN, (_, i: string) => {
          const key = keys[Number(i)]!;
          const value = escapeHtml(values[key]);
          return key === 'link' ? `<a href="${value}" dir="ltr">${value}</a>` : value;
        });
      return `<p dir="${dir}">${html}</p>`;
    })
    .join('\n');
}

export async function renderEmail(ctx: FeatureContext, config: CampaignsConfig, row: OutboxRow, shopper: Shopper, now: Date): Promise<{ email: EmailMessage; linkCode: string }> {
  const { step, settings, locale, values, linkCode } = await prepareMessage(ctx, config, row, shopper, now, (s) => emailTemplateOf(row.campaign, s).body);
  const template = emailTemplateOf(row.campaign, step);
  const sender = storeEmail(config, settings);
  const from = mailbox(sender.from);
  if (!from || !sender.address) throw new NothingToSend(`the store has no e-mail sender and postal address (set email.from and email.address, or stores.${row.write_key}.email)`, false);
  const replyTo = sender.replyTo ? mailbox(sender.replyTo) : undefined;

  const bodyTemplate = values.name ? template.body[locale]! : withoutGreeting(template.body[locale]!);
  const subjectTemplate = Object.hasOwn(template.subject, locale) ? template.subject[locale]! : Object.values(template.subject)[0] ?? '';
  const { link: _link, ...withoutLink } = values;
  const subject = renderTemplate(subjectTemplate, withoutLink).replace(/\s+/g, ' ');
  const language = languageOf(locale);
  const dir = RTL.has(language) ? 'rtl' : 'ltr';
  const unsubscribe = unsubscribeUrl(ctx.config, { writeKey: row.write_key, address: row.phone, outboxId: row.id });
  const label = UNSUBSCRIBE_LABEL.get(language) ?? UNSUBSCRIBE_LABEL.get('en')!;
  const storeName = values.store ?? '';
  const address = sender.address.trim();

  const text = `${renderTemplate(bodyTemplate, values)}\n\n-- \n${storeName}\n${address}\n${label}: ${unsubscribe}\n`;
  const html = [
    '<!doctype html>',
    `<html dir="${dir}" lang="${escapeHtml(locale)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${dir}" style="font-family:sans-serif;line-height:1.5">`,
    htmlParagraphs(bodyTemplate, values, dir),
    '<hr>',
    `<p dir="${dir}" style="font-size:12px;color:#666">${escapeHtml(storeName)}<br>${escapeHtml(address).replace(/\n/g, '<br>')}<br><a href="${escapeHtml(unsubscribe)}">${escapeHtml(label)}</a></p>`,
    '</body>',
    '</html>',
  ].join('\n');
  const mailto = replyTo?.address ?? from.address;
  return {
    email: {
      from: sender.from,
      ...(sender.replyTo && replyTo ? { replyTo: sender.replyTo } : {}),
      to: row.phone,
      subject,
      text,
      html,
      unsubscribe,
      listUnsubscribe: `<${unsubscribe}>, <mailto:${mailto}?subject=unsubscribe>`,
    },
    linkCode,
  };
}
