// Kavenegar (Iran): POST https://api.kavenegar.com/v1/{API-KEY}/sms/send.json with form fields
// receptor, message, sender and localid; the answer is {return: {status, message}, entries: [{messageid,
// status, ...}]}, status 200 on success. https://kavenegar.com/rest.html#sms-send
// `localid` is Kavenegar's dedupe key (a repeated localid is not sent again; the first message's
// entry comes back), so this adapter is `idempotent`: after a crash the message is retried with the
// same localid (the outbox row id).
import { SmsSendError, errorForStatus, request, type FetchLike, type SmsProvider } from './provider.js';

export interface KavenegarSettings {
  apiKey: string;
  sender?: string;
  baseUrl?: string;
}

/** Kavenegar takes Iranian numbers in the national form (09121234567), others with 00. */
export function kavenegarReceptor(e164: string): string {
  if (e164.startsWith('+98')) return `0${e164.slice(3)}`;
  return e164.startsWith('+') ? `00${e164.slice(1)}` : e164;
}

interface KavenegarAnswer {
  return?: { status?: number; message?: string };
  entries?: { messageid?: number | string }[];
}

export function kavenegarProvider(settings: KavenegarSettings, fetchImpl: FetchLike = fetch): SmsProvider {
  if (!settings.apiKey) throw new Error('sms provider "kavenegar": apiKey is required');
  const base = (settings.baseUrl ?? 'https://api.kavenegar.com').replace(/\/$/, '');
  const url = `${base}/v1/${encodeURIComponent(settings.apiKey)}/sms/send.json`;
  return {
    name: 'kavenegar',
    idempotent: true,
    async send(message) {
      const form = new URLSearchParams({ receptor: kavenegarReceptor(message.to), message: message.body, localid: String(message.outboxId) });
      if (settings.sender) form.set('sender', settings.sender);
      const response = await request('kavenegar', fetchImpl, url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form.toString(),
      });
      const text = await response.text();
      let answer: KavenegarAnswer = {};
      try {
        answer = JSON.parse(text) as KavenegarAnswer;
      } catch {
        // fall through to the HTTP status
      }
      const status = answer.return?.status ?? response.status;
      if (!response.ok || status !== 200) {
        throw errorForStatus('kavenegar', status, answer.return?.message ?? text);
      }
      const id = answer.entries?.[0]?.messageid;
      if (id === undefined) throw new SmsSendError('kavenegar: answer without entries', false);
      return { providerMessageId: String(id) };
    },
  };
}
