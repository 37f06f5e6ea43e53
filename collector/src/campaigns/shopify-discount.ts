// A single-use discount code per message, made in the store's Shopify admin through the Admin
// GraphQL API (discountCodeBasicCreate; the custom app's token needs the write_discounts scope).
// A code shared by every message can be passed on and used by anyone; this one works once, for 7 days.
//
// Failures are SmsSendErrors like a provider's: network errors, 408/429/5xx and Shopify's throttling
// are retried with the message; a refusal (bad token, missing scope, userErrors) fails it. The
// message is never sent with a code Shopify did not confirm.
import { customAlphabet } from 'nanoid';
import { SmsSendError, errorForStatus, request, type FetchLike } from '../sms/provider.js';
import type { LinkDiscount } from '../links/restore-url.js';
import type { StoreSettings } from './config.js';

export const ADMIN_API_VERSION = '2025-01';
export const DISCOUNT_DAYS = 7;
const SOURCE = 'Shopify discount code';

/** HOMING- and 8 uppercase letters and digits without 0/O and 1/I: read aloud or typed from an SMS without mistakes. */
export const newDiscountCode = ((random) => () => `HOMING-${random()}`)(customAlphabet('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 8));

type ShopifySettings = NonNullable<StoreSettings['shopify']>;

/** Where the store's Admin GraphQL API answers: adminApiUrl (a Shopify-compatible server), else the shop's own. */
export function adminApiUrl(shopify: ShopifySettings): string {
  return shopify.adminApiUrl ?? `https://${shopify.shopDomain}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

const MUTATION = `mutation discountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`;

interface UserError {
  field?: string[] | null;
  code?: string | null;
  message?: string;
}

export interface DiscountRequest {
  code: string;
  discount: LinkDiscount;
  title: string;
  now: Date;
  /** The code was given to Shopify by an earlier attempt of the same message: "already taken" means that attempt made it. */
  retry: boolean;
}

export async function createShopifyDiscount(shopify: ShopifySettings, wanted: DiscountRequest, fetchImpl: FetchLike = fetch): Promise<void> {
  const { code, discount, title, now } = wanted;
  const value = discount.type === 'percent' ? { percentage: discount.amount / 100 } : { discountAmount: { amount: discount.amount, appliesOnEachItem: false } };
  const basicCodeDiscount = {
    title,
    code,
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + DISCOUNT_DAYS * 86_400_000).toISOString(),
    usageLimit: 1,
    appliesOncePerCustomer: true,
    customerSelection: { all: true },
    customerGets: { value, items: { all: true } },
  };
  const response = await request(SOURCE, fetchImpl, adminApiUrl(shopify), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': shopify.adminAccessToken! },
    body: JSON.stringify({ query: MUTATION, variables: { basicCodeDiscount } }),
  });
  const text = await response.text().catch(() => '');
  if (!response.ok) throw errorForStatus(SOURCE, response.status, text);
  let answer: { data?: { discountCodeBasicCreate?: { codeDiscountNode?: { id?: string } | null; userErrors?: UserError[] } | null }; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new SmsSendError(`${SOURCE}: the Admin API answered with something other than JSON: ${text.slice(0, 200)}`, false);
  }
  if (answer.errors?.length) {
    // Shopify answers 200 with errors: THROTTLED when the app's query budget is spent (try later); others (a missing scope) stay.
    const throttled = answer.errors.some((e) => e.extensions?.code === 'THROTTLED');
    throw new SmsSendError(`${SOURCE}: ${answer.errors.map((e) => e.message).join('; ').slice(0, 300)}`, !throttled);
  }
  const result = answer.data?.discountCodeBasicCreate;
  const userErrors = result?.userErrors ?? [];
  if (wanted.retry && userErrors.length && userErrors.every((e) => e.code === 'TAKEN')) return;
  if (userErrors.length) {
    throw new SmsSendError(`${SOURCE}: Shopify refused it: ${userErrors.map((e) => `${e.message}${e.field?.length ? ` (${e.field.join('.')})` : ''}`).join('; ').slice(0, 300)}`, true);
  }
  if (!result?.codeDiscountNode?.id) throw new SmsSendError(`${SOURCE}: the Admin API did not confirm the code`, false);
}
