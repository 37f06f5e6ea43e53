// E-mail settings. The collector's `email` names the SMTP server (`smtpUrl`, a secret: it holds the
// login) and the sender: `from`, optional `replyTo`, and `address`, the store's postal address that
// every marketing e-mail carries in its footer (CAN-SPAM and its kind). A store may give its own
// `from`, `replyTo` and `address` in stores.<writeKey>.email. A step with `"channel": "email"` is
// sent to the shopper's e-mail address when they agreed to marketing e-mail (the platform's checkout
// or an `email_consent` trait), with its `emailTemplate` or the campaign's default
// (./email-templates.ts).
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { emailAddress } from '../email/address.js';
import type { CampaignName, CampaignsConfig, StepConfig, StoreSettings } from './config.js';
import { CAMPAIGNS, PLACEHOLDERS } from './config.js';
import { DEFAULT_EMAIL_TEMPLATES } from './email-templates.js';
import { placeholdersOf, type LocalizedText } from './template.js';

export interface EmailTemplate {
  subject: LocalizedText;
  /** Plain text; a blank line between paragraphs. {link} becomes a link in the HTML part. */
  body: LocalizedText;
}

export interface StoreEmailSettings {
  /** "Shop <shop@example.com>" or "shop@example.com". */
  from?: string;
  replyTo?: string;
  /** The store's postal address, shown at the foot of every e-mail. */
  address?: string;
}

export interface EmailSettings extends StoreEmailSettings {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. */
  smtpUrl: string;
}

/** The sender and address a store's e-mails carry: its own, else the collector's. */
export function storeEmail(config: Pick<CampaignsConfig, 'email'>, store: StoreSettings): Required<Pick<StoreEmailSettings, 'from' | 'address'>> & StoreEmailSettings {
  const own = store.email ?? {};
  const general = config.email;
  return { from: own.from ?? general?.from ?? '', address: own.address ?? general?.address ?? '', replyTo: own.replyTo ?? general?.replyTo };
}

export const isEmailStep = (step: StepConfig | undefined) => step?.channel === 'email';

/** The step's own e-mail texts, else the campaign's defaults (emailProblems makes sure one exists). */
export function emailTemplateOf(campaign: CampaignName, step: StepConfig): EmailTemplate {
  return (step.emailTemplate ?? DEFAULT_EMAIL_TEMPLATES[campaign])!;
}

/** One mailbox, written the plain way ("Name <a@b.example>" or "a@b.example"), else undefined. */
export function mailbox(value: unknown): { name: string; address: string } | undefined {
  if (typeof value !== 'string' || /[\r\n]/.test(value) || value.length > 300) return undefined;
  const parsed = addressparser(value);
  if (parsed.length !== 1 || 'group' in parsed[0]!) return undefined;
  const address = emailAddress(parsed[0]!.address);
  return address ? { name: parsed[0]!.name, address } : undefined;
}

function smtpProblem(value: unknown): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    // reported below
  }
  // The URL is a secret: never echoed in the message.
  return url && ['smtp:', 'smtps:'].includes(url.protocol) && url.hostname ? undefined : 'email.smtpUrl must be an SMTP URL like "smtp://user:password@mail.example:587" or "smtps://…:465"';
}

function senderProblems(where: string, settings: StoreEmailSettings, required: boolean): string[] {
  const problems: string[] = [];
  if ((settings.from !== undefined || required) && !mailbox(settings.from)) problems.push(`${where}.from must be a sender like "Shop <shop@example.com>", got ${JSON.stringify(settings.from)}`);
  if (settings.replyTo !== undefined && !mailbox(settings.replyTo)) problems.push(`${where}.replyTo must be an address like "help@example.com", got ${JSON.stringify(settings.replyTo)}`);
  if ((settings.address !== undefined || required) && (typeof settings.address !== 'string' || !settings.address.trim() || settings.address.length > 300)) {
    problems.push(`${where}.address must be the store's postal address (the footer of every e-mail), got ${JSON.stringify(settings.address)}`);
  }
  return problems;
}

function templateProblems(name: CampaignName, i: number, template: EmailTemplate): string[] {
  if (!template || typeof template !== 'object') return [`${name} step ${i + 1}: emailTemplate must be {"subject": {"en": "..."}, "body": {"en": "... {link}"}}`];
  const problems: string[] = [];
  const bodies = Object.entries(template.body ?? {});
  if (!bodies.length) problems.push(`${name} step ${i + 1}: emailTemplate.body needs at least one locale`);
  for (const [part, texts] of [['subject', Object.entries(template.subject ?? {})], ['body', bodies]] as const) {
    for (const [locale, text] of texts) {
      if (typeof text !== 'string') {
        problems.push(`${name} step ${i + 1} (${locale}): emailTemplate.${part} must be text`);
        continue;
      }
      const unknown = placeholdersOf(text).filter((p) => !PLACEHOLDERS[name].includes(p) || (part === 'subject' && p === 'link'));
      if (unknown.length) problems.push(`${name} step ${i + 1} (${locale}): unknown placeholder in the email ${part} ${unknown.map((p) => `{${p}}`).join(', ')}`);
      if (part === 'body' && !placeholdersOf(text).includes('link')) problems.push(`${name} step ${i + 1} (${locale}): the email body has no {link}`);
      if (part === 'subject' && /[\r\n]/.test(text)) problems.push(`${name} step ${i + 1} (${locale}): the email subject must be one line`);
    }
  }
  for (const locale of Object.keys(template.body ?? {})) {
    if (!Object.hasOwn(template.subject ?? {}, locale)) problems.push(`${name} step ${i + 1} (${locale}): emailTemplate.subject has no text for "${locale}"`);
  }
  return problems;
}

/** Everything wrong with the e-mail settings, each named; nothing when no step is an email step and no `email` is given. */
export function emailProblems(config: CampaignsConfig): string[] {
  const problems: string[] = [];
  const steps = CAMPAIGNS.flatMap((name) => (Array.isArray(config.campaigns[name].steps) ? config.campaigns[name].steps.map((step, i) => ({ name, step, i })) : []));
  for (const { name, step, i } of steps) {
    if (step.channel !== undefined && step.channel !== 'sms' && step.channel !== 'email') problems.push(`${name} step ${i + 1}: channel must be "sms" or "email", got ${JSON.stringify(step.channel)}`);
    if (step.emailTemplate !== undefined) problems.push(...templateProblems(name, i, step.emailTemplate));
    // The lifecycle campaigns' audiences are chosen by phone (./lifecycle/): they send texts only.
    if (isEmailStep(step) && !DEFAULT_EMAIL_TEMPLATES[name]) problems.push(`${name} step ${i + 1}: this campaign sends SMS only; "channel": "email" is for the abandoned-cart, survey and cross-sell steps`);
  }
  const wanted = steps.some(({ name, step }) => config.campaigns[name].enabled && isEmailStep(step));
  if (config.email === undefined) return wanted ? [...problems, 'an email step needs the "email" settings: {"smtpUrl": "smtp://…", "from": "Shop <shop@example.com>", "address": "the store\'s postal address"}'] : problems;
  if (!config.email || typeof config.email !== 'object') return [...problems, 'email must be an object like {"smtpUrl": "smtp://…", "from": "…", "address": "…"}'];
  const smtp = smtpProblem(config.email.smtpUrl);
  if (smtp) problems.push(smtp);
  // The collector's sender is the default; a store that gives its own needs only what it overrides.
  const everyStoreHasOwn = Object.keys(config.stores ?? {}).length > 0 && Object.values(config.stores).every((s) => s.email?.from && s.email?.address);
  problems.push(...senderProblems('email', config.email, !everyStoreHasOwn));
  for (const [key, store] of Object.entries(config.stores ?? {})) {
    if (store.email !== undefined) problems.push(...senderProblems(`stores.${key}.email`, store.email ?? {}, false));
    if (store.dailyEmailBudget !== undefined && (!Number.isInteger(store.dailyEmailBudget) || store.dailyEmailBudget < 0)) {
      problems.push(`stores.${key}.dailyEmailBudget must be a whole number of e-mails per day, got ${JSON.stringify(store.dailyEmailBudget)}`);
    }
  }
  return problems;
}
