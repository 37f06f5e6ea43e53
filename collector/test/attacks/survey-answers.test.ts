// Attack: overwriting a shopper's survey answer, or silencing the survey SMS. `Survey Submitted` is
// sent with the public write key, so anybody can send one for any order id. The answer that came
// through the signed link of the survey SMS is the shopper's own and stays; the thank-you widget's
// answer is the buyer's only with the order key; among answers from the same source, the first
// stays. Both orders of arrival, against the real collector process.
import { afterAll, describe, expect, it } from 'vitest';
import { nanoid } from 'nanoid';
import { ATTACK_ADMIN, ATTACK_KEY, ATTACK_ORIGIN, startCollectorProcess, type CollectorProcess } from './collector-process.js';
import { dropTestSchemas, testStores } from '../stores.js';

afterAll(dropTestSchemas);

const PUBLIC_URL = 'https://collect.example';
const DAY = 86_400_000;
// Only the survey campaign, sent at once whatever the hour.
const CAMPAIGNS = JSON.stringify({
  quietHours: null,
  frequencyCap: null,
  campaigns: { abandoned_cart: { enabled: false }, cross_sell: { enabled: false } },
  stores: { [ATTACK_KEY]: { url: ATTACK_ORIGIN, country: 'IR' } },
});

async function batch(collector: CollectorProcess, events: Record<string, unknown>[]): Promise<void> {
  const sentAt = new Date().toISOString();
  const response = await fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    body: JSON.stringify({ writeKey: ATTACK_KEY, sentAt, batch: events.map((e) => ({ messageId: nanoid(), timestamp: sentAt, ...e })) }),
  });
  const answer = (await response.json()) as { accepted?: number };
  expect(answer.accepted, JSON.stringify(answer)).toBe(events.length);
}

const admin = { authorization: `Bearer ${ATTACK_ADMIN}` };

/** The shopper's real path to the link: an order, the survey SMS three days later, its short link. */
async function placeOrder(collector: CollectorProcess, orderId: string): Promise<void> {
  const anonymousId = `shopper-${orderId}`;
  await batch(collector, [
    { type: 'identify', anonymousId, traits: { phone: '+989121234567', phone_consent: true, first_name: 'Sara' } },
    { type: 'track', event: 'Order Completed', anonymousId, properties: { order_id: orderId, value: 40, currency: 'USD', order_key: `wc_order_${orderId}` } },
  ]);
}

async function surveySms(collector: CollectorProcess): Promise<{ body: string; state: string }[]> {
  const asOf = new Date(Date.now() + 4 * DAY).toISOString();
  const run = await fetch(`${collector.url}/v1/campaigns/run?asOf=${encodeURIComponent(asOf)}`, { method: 'POST', headers: admin });
  expect(run.status).toBe(200);
  const { messages } = (await (await fetch(`${collector.url}/v1/campaigns/outbox`, { headers: admin })).json()) as { messages: { body: string; state: string }[] };
  return messages;
}

async function surveyLinkFromSms(collector: CollectorProcess, orderId: string): Promise<string> {
  await placeOrder(collector, orderId);
  const messages = await surveySms(collector);
  const short = messages.map((m) => m.body.match(/\/r\/\w+$/)?.[0]).find(Boolean);
  expect(short, JSON.stringify(messages)).toBeDefined();
  const redirect = await fetch(`${collector.url}${short}`, { redirect: 'manual' });
  const target = redirect.headers.get('location')!;
  expect(target).toContain(`/s/${orderId}?`);
  return `${collector.url}${target.slice(PUBLIC_URL.length)}`;
}

const answerThroughLink = (link: string, rating: number, comment: string) =>
  fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ rating: String(rating), comment }) });

const publicAnswer = (collector: CollectorProcess, orderId: string, rating: number, comment: string) =>
  batch(collector, [{ type: 'track', event: 'Survey Submitted', anonymousId: 'attacker', properties: { order_id: orderId, rating, comment } }]);

async function comments(collector: CollectorProcess): Promise<{ order_id: string; rating: number; comment: string }[]> {
  const response = await fetch(`${collector.url}/v1/reports/summary`, { headers: admin });
  const summary = (await response.json()) as { surveys: { latest_comments: { order_id: string; rating: number; comment: string }[] } };
  return summary.surveys.latest_comments.map(({ order_id, rating, comment }) => ({ order_id, rating, comment }));
}

describe.each(testStores)('survey answers on %s', (store) => {
  const start = () => startCollectorProcess(store, { args: ['--public-url', PUBLIC_URL], env: { HOMING_CAMPAIGNS: CAMPAIGNS, HOMING_CAMPAIGNS_INTERVAL: '0' } });

  it('a public event sent after the shopper answered through the signed link does not replace the answer', async () => {
    const collector = await start();
    const link = await surveyLinkFromSms(collector, 'A-1');
    expect((await answerThroughLink(link, 5, 'lovely')).status).toBe(200);
    await publicAnswer(collector, 'A-1', 1, 'terrible (forged)');
    expect(await comments(collector)).toEqual([{ order_id: 'A-1', rating: 5, comment: 'lovely' }]);
    // The link answers once: a second post through it keeps the first.
    expect((await answerThroughLink(link, 2, 'again')).status).toBe(200);
    expect(await comments(collector)).toEqual([{ order_id: 'A-1', rating: 5, comment: 'lovely' }]);
    await collector.stop();
  });

  it('the signed link replaces a public event that came first, and a second public event replaces nothing', async () => {
    const collector = await start();
    const link = await surveyLinkFromSms(collector, 'A-2');
    await publicAnswer(collector, 'A-2', 1, 'first public');
    await publicAnswer(collector, 'A-2', 2, 'second public');
    expect(await comments(collector)).toEqual([{ order_id: 'A-2', rating: 1, comment: 'first public' }]);
    expect((await answerThroughLink(link, 4, 'from the shopper')).status).toBe(200);
    expect(await comments(collector)).toEqual([{ order_id: 'A-2', rating: 4, comment: 'from the shopper' }]);
    await collector.stop();
  });

  it('an answer without the order key neither silences the survey SMS nor replaces the buyer\'s answer; the buyer\'s widget answer with the key does both', async () => {
    const collector = await start();
    await placeOrder(collector, 'B-1');
    await placeOrder(collector, 'B-2');
    // The attacker rates both orders first, guessing their ids.
    await publicAnswer(collector, 'B-1', 1, 'forged');
    await publicAnswer(collector, 'B-2', 1, 'forged');
    // The buyer of B-2 answers on the thank-you page, whose widget sends the order key.
    await batch(collector, [{ type: 'track', event: 'Survey Submitted', anonymousId: 'shopper-B-2', properties: { order_id: 'B-2', rating: 5, comment: 'from the buyer', order_key: 'wc_order_B-2' } }]);
    // A forged key counts no more than none.
    await batch(collector, [{ type: 'track', event: 'Survey Submitted', anonymousId: 'attacker', properties: { order_id: 'B-1', rating: 2, comment: 'forged key', order_key: 'wc_order_guess' } }]);
    const sms = (await surveySms(collector)).filter((m) => m.state === 'sent');
    // Which order each SMS asks about: where its link leads (a browser's order id is not in the text).
    const surveyed = await Promise.all(
      sms.map(async (m) => (await fetch(`${collector.url}${m.body.match(/\/r\/\w+$/)![0]}`, { redirect: 'manual' })).headers.get('location')?.match(/\/s\/([^?]+)/)?.[1]),
    );
    expect(surveyed).toEqual(['B-1']);
    expect((await comments(collector)).sort((a, b) => a.order_id.localeCompare(b.order_id))).toEqual([
      { order_id: 'B-1', rating: 1, comment: 'forged' },
      { order_id: 'B-2', rating: 5, comment: 'from the buyer' },
    ]);
    await collector.stop();
  });
});
