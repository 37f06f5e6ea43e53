// A code shared by every message can be passed around and used by anyone. With the store's Shopify
// admin token, each message carries its own code, made in the store's admin (usable once, 7 days)
// before the text leaves: never a text with a code Shopify did not confirm, never two codes for one
// message however often it is retried, and the token itself never in a log or an answer.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropTestSchemas, testStores } from '../stores.js';
import { ATTACK_ADMIN, ATTACK_KEY } from './collector-process.js';
import { DAY, HOUR, NOW, addsToCart, campaignsSettings, follow, linkIn, outboxMessages, runCampaigns, sentTexts, startCampaignsCollector } from './campaigns-driver.js';

afterAll(dropTestSchemas);

const TOKEN = 'shpat_admin-token-of-the-shop';
const API_PATH = '/admin/api/2025-01/graphql.json';
const CODE = /HOMING-[2-9A-HJ-NP-Z]{8}/;

interface AdminRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { query: string; variables: { basicCodeDiscount: Record<string, any> } };
}

/** A Shopify-compatible Admin API on this machine: records each request and gives the answers queued, else a created code. */
function fakeAdminApi() {
  const requests: AdminRequest[] = [];
  const answers: { status: number; body: unknown }[] = [];
  const created = { data: { discountCodeBasicCreate: { codeDiscountNode: { id: 'gid://shopify/DiscountCodeNode/1' }, userErrors: [] } } };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, body: JSON.parse(text) });
      const answer = answers.shift() ?? { status: 200, body: created };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return {
    requests,
    answers,
    url: async () => {
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}${API_PATH}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let admin: ReturnType<typeof fakeAdminApi>;
beforeEach(() => {
  admin = fakeAdminApi();
});
afterEach(() => admin.close());

const visitor = { anonymousId: 'a1', phone: '+989121234567', name: 'Sara' };

async function settings(discount: Record<string, unknown> | undefined, shopify: Record<string, unknown> | undefined) {
  return campaignsSettings({
    stores: { [ATTACK_KEY]: { url: 'https://shop.example', country: 'IR', platform: 'shopify', ...(shopify ? { shopify } : {}) } },
    campaigns: {
      abandoned_cart: { enabled: true, steps: [{ after: '1d', discountCode: 'SHARED10', ...(discount ? { discount } : {}), template: { en: '{name}, your cart with code {code}: {link}' } }] },
      survey: { enabled: false, steps: [] },
      cross_sell: { enabled: false, steps: [] },
    },
  });
}

const withToken = async () => ({ shopDomain: 'shop.myshopify.com', adminAccessToken: TOKEN, adminApiUrl: await admin.url() });
const codeIn = (text: string) => CODE.exec(text)?.[0];

describe.each(testStores)('single-use Shopify discount codes on $name', (store) => {
  it('each message gets its own code, made in the admin as Shopify expects, in the text and the link; a second run makes none; the token stays secret', async () => {
    const c = await startCampaignsCollector(store, await settings({ type: 'percent', amount: 10 }, await withToken()), { logLevel: 'debug' });
    await addsToCart(c, visitor);
    const at = NOW + DAY + HOUR;
    expect(await runCampaigns(c, at)).toMatchObject({ sent: 1 });

    const [message] = await sentTexts(c);
    const code = codeIn(message!.body!);
    expect(code, message!.body!).toBeDefined();
    expect(message!.body).not.toContain('SHARED10');
    expect((await follow(c, linkIn(message!.body!)!)).location).toBe(`https://shop.example/cart/501:1?discount=${code}`);

    expect(admin.requests).toHaveLength(1);
    const [request] = admin.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(API_PATH);
    expect(request!.headers['x-shopify-access-token']).toBe(TOKEN);
    expect(request!.body.query).toContain('discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)');
    const input = request!.body.variables.basicCodeDiscount;
    expect(input).toMatchObject({
      code,
      usageLimit: 1,
      appliesOncePerCustomer: true,
      customerSelection: { all: true },
      customerGets: { value: { percentage: 0.1 }, items: { all: true } },
      startsAt: new Date(at).toISOString(),
    });
    expect(Date.parse(input.endsAt) - Date.parse(input.startsAt)).toBe(7 * DAY);

    // The message is sent: a later run neither sends it again nor asks for another code.
    expect(await runCampaigns(c, at + HOUR)).toMatchObject({ sent: 0 });
    expect(admin.requests).toHaveLength(1);

    const config = await (await fetch(`${c.url}/v1/campaigns`, { headers: { authorization: `Bearer ${ATTACK_ADMIN}` } })).text();
    expect(config).toContain('"adminAccessToken":{"set":true}');
    expect(config).not.toContain(TOKEN);
    expect(c.output()).not.toContain(TOKEN);
    await c.stop();
  });

  it('a fixed amount Shopify refuses (userErrors): the message fails with the reason and nothing is sent', async () => {
    admin.answers.push({
      status: 200,
      body: { data: { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: [{ field: ['basicCodeDiscount', 'customerGets'], code: 'INVALID', message: 'Value must be less than the order total' }] } } },
    });
    const c = await startCampaignsCollector(store, await settings({ type: 'fixed_cart', amount: 15 }, await withToken()));
    await addsToCart(c, visitor);
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 0, failed: 1 });

    expect(admin.requests[0]!.body.variables.basicCodeDiscount.customerGets.value).toEqual({ discountAmount: { amount: 15, appliesOnEachItem: false } });
    const [message] = await outboxMessages(c);
    expect(message).toMatchObject({ state: 'failed', body: null });
    expect(message!.error).toBe('Shopify discount code: Shopify refused it: Value must be less than the order total (basicCodeDiscount.customerGets)');
    expect(await sentTexts(c)).toEqual([]);
    await c.stop();
  });

  it('an answer lost on the way (502) is retried with the same code, which Shopify had already made: still one code, and it is the one sent', async () => {
    admin.answers.push({ status: 502, body: { errors: 'Bad Gateway' } });
    admin.answers.push({ status: 200, body: { data: { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: [{ field: ['basicCodeDiscount', 'code'], code: 'TAKEN', message: 'Code must be unique.' }] } } } });
    const c = await startCampaignsCollector(store, await settings({ type: 'percent', amount: 10 }, await withToken()));
    await addsToCart(c, visitor);
    const at = NOW + DAY + HOUR;
    expect(await runCampaigns(c, at)).toMatchObject({ sent: 0, retried: 1 });
    const [waiting] = await outboxMessages(c);
    expect(waiting).toMatchObject({ state: 'pending', body: null, error: 'Shopify discount code: HTTP 502: {"errors":"Bad Gateway"}' });

    expect(await runCampaigns(c, at + 2 * 60_000)).toMatchObject({ sent: 1 });
    const codes = admin.requests.map((r) => r.body.variables.basicCodeDiscount.code);
    expect(codes).toHaveLength(2);
    expect(codes[1]).toBe(codes[0]);
    const [message] = await sentTexts(c);
    expect(codeIn(message!.body!)).toBe(codes[0]);
    await c.stop();
  });

  it('without the admin token the step\'s shared code is sent, and the admin is never asked', async () => {
    const c = await startCampaignsCollector(store, await settings({ type: 'percent', amount: 10 }, { webhookSecret: 'whsec', shopDomain: 'shop.myshopify.com' }));
    await addsToCart(c, visitor);
    expect(await runCampaigns(c, NOW + DAY + HOUR)).toMatchObject({ sent: 1 });
    const [message] = await sentTexts(c);
    expect(message!.body).toContain('code SHARED10:');
    expect((await follow(c, linkIn(message!.body!)!)).location).toBe('https://shop.example/cart/501:1?discount=SHARED10');
    expect(admin.requests).toEqual([]);
    await c.stop();
  });

  it('an admin API URL that would carry the token in the clear to another machine is refused at start', async () => {
    const c = startCampaignsCollector(store, await settings({ type: 'percent', amount: 10 }, { adminAccessToken: TOKEN, adminApiUrl: 'http://admin.example/graphql.json' }));
    await expect(c).rejects.toThrow('stores.wk_shop.shopify.adminApiUrl must be an https URL (http only on this machine)');
  });
});
