// Each SMS provider adapter against a local fake server that checks the exact request it makes.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createProvider, SmsSendError } from '../src/sms/index.js';
import { kavenegarReceptor } from '../src/sms/kavenegar.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
let server: Server | undefined;

async function fakeServer(answer: (seen: Seen) => { status: number; body: string }): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      const { status, body } = answer(entry);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, seen };
}

afterEach(async () => {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

const message = { to: '+989121234567', body: 'سارا عزیز، سبد خرید شما منتظر است: https://s.example/r/Ab3', idempotencyKey: 'abandoned_cart:0:c1', outboxId: 42 };

describe('twilio', () => {
  it('POSTs form-encoded To/From/Body to Messages.json with Basic auth and returns the sid', async () => {
    const fake = await fakeServer(() => ({ status: 201, body: JSON.stringify({ sid: 'SM123', status: 'queued' }) }));
    const provider = createProvider({ provider: 'twilio', accountSid: 'AC0001', authToken: 'secret', from: '+15005550006', baseUrl: fake.base });
    expect(provider.idempotent).toBe(false);
    await expect(provider.send(message)).resolves.toEqual({ providerMessageId: 'SM123' });
    const [req] = fake.seen;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/2010-04-01/Accounts/AC0001/Messages.json');
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from('AC0001:secret').toString('base64')}`);
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({ To: '+989121234567', From: '+15005550006', Body: message.body });
  });

  it('uses MessagingServiceSid when configured, and a 400 is a permanent failure', async () => {
    const fake = await fakeServer(() => ({ status: 400, body: JSON.stringify({ code: 21211, message: "The 'To' number is not a valid phone number." }) }));
    const provider = createProvider({ provider: 'twilio', accountSid: 'AC0001', authToken: 's', messagingServiceSid: 'MG9', baseUrl: fake.base });
    const error = await provider.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ permanent: true, status: 400 });
    expect(new URLSearchParams(fake.seen[0]!.body).get('MessagingServiceSid')).toBe('MG9');
    expect(new URLSearchParams(fake.seen[0]!.body).has('From')).toBe(false);
  });

  it('a 503 or 429 may pass on a retry', async () => {
    const fake = await fakeServer(() => ({ status: 429, body: '{}' }));
    const provider = createProvider({ provider: 'twilio', accountSid: 'AC1', authToken: 's', from: '+1', baseUrl: fake.base });
    await expect(provider.send(message)).rejects.toMatchObject({ permanent: false, status: 429 });
  });

  it('refuses incomplete settings with a message naming what is missing', () => {
    expect(() => createProvider({ provider: 'twilio', accountSid: 'AC1', authToken: 's' })).toThrow(/from or messagingServiceSid/);
  });
});

describe('kavenegar', () => {
  it('POSTs receptor/message/sender/localid to /v1/{apikey}/sms/send.json', async () => {
    const fake = await fakeServer(() => ({
      status: 200,
      body: JSON.stringify({ return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: 8792343, status: 1, receptor: '09121234567' }] }),
    }));
    const provider = createProvider({ provider: 'kavenegar', apiKey: 'KEY-123', sender: '10004346', baseUrl: fake.base });
    expect(provider.idempotent).toBe(true);
    await expect(provider.send(message)).resolves.toEqual({ providerMessageId: '8792343' });
    const [req] = fake.seen;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/v1/KEY-123/sms/send.json');
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({ receptor: '09121234567', message: message.body, sender: '10004346', localid: '42' });
  });

  it('an API error in the JSON answer (418: not enough credit) is permanent', async () => {
    const fake = await fakeServer(() => ({ status: 418, body: JSON.stringify({ return: { status: 418, message: 'اعتبار حساب شما کافی نیست' }, entries: null }) }));
    const provider = createProvider({ provider: 'kavenegar', apiKey: 'K', baseUrl: fake.base });
    await expect(provider.send(message)).rejects.toMatchObject({ permanent: true, status: 418 });
  });

  it('national form for Iranian numbers, 00 prefix for others', () => {
    expect(kavenegarReceptor('+989121234567')).toBe('09121234567');
    expect(kavenegarReceptor('+4915112345678')).toBe('004915112345678');
  });
});

describe('generic webhook', () => {
  it('POSTs JSON with the idempotency key and an HMAC signature of the body', async () => {
    const fake = await fakeServer(() => ({ status: 200, body: JSON.stringify({ id: 'gw-1' }) }));
    const provider = createProvider({ provider: 'webhook', url: `${fake.base}/sms`, secret: 'shh', headers: { 'x-store': 'demo' } });
    await expect(provider.send(message)).resolves.toEqual({ providerMessageId: 'gw-1' });
    const [req] = fake.seen;
    expect(req!.url).toBe('/sms');
    expect(JSON.parse(req!.body)).toEqual({ to: message.to, body: message.body, idempotencyKey: 'abandoned_cart:0:c1' });
    expect(req!.headers['idempotency-key']).toBe('abandoned_cart:0:c1');
    expect(req!.headers['x-store']).toBe('demo');
    expect(req!.headers['x-homing-signature']).toBe(`sha256=${createHmac('sha256', 'shh').update(req!.body).digest('hex')}`);
  });

  it('a refused connection is a transient failure', async () => {
    const fake = await fakeServer(() => ({ status: 200, body: '' }));
    const s = server!;
    server = undefined;
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
    const provider = createProvider({ provider: 'webhook', url: `${fake.base}/sms` });
    await expect(provider.send(message)).rejects.toMatchObject({ permanent: false });
  });
});

describe('outbox provider', () => {
  it('keeps the message in the collector and logs it', async () => {
    const lines: string[] = [];
    const provider = createProvider(undefined, (line) => lines.push(line));
    await expect(provider.send(message)).resolves.toEqual({ providerMessageId: 'outbox-42' });
    expect(lines).toEqual([`SMS to +989121234567: ${message.body}`]);
  });
});
