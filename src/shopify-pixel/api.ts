// The parts of Shopify's Web Pixels API (Standard API) this entry uses, as Shopify documents them:
// https://shopify.dev/docs/api/web-pixels-api/standard-api (analytics, browser, init) and the
// standard events https://shopify.dev/docs/api/web-pixels-api/standard-events. Money is MoneyV2
// (`amount` in major units); ids are strings.
export interface MoneyV2 {
  amount: number;
  currencyCode: string;
}

export interface PixelVariant {
  id: string | null;
  image: { src: string | null } | null;
  price: MoneyV2;
  product: { id: string | null; title: string; url: string | null; vendor?: string; type?: string | null };
  sku: string | null;
  title: string | null;
}

export interface PixelCheckout {
  currencyCode: string | null;
  email: string | null;
  phone: string | null;
  smsMarketingPhone?: string | null;
  buyerAcceptsSmsMarketing?: boolean;
  buyerAcceptsEmailMarketing?: boolean;
  billingAddress?: { phone: string | null; countryCode?: string | null } | null;
  shippingAddress?: { phone: string | null; countryCode?: string | null } | null;
  lineItems: { quantity: number; title: string | null; variant: PixelVariant | null; finalLinePrice?: MoneyV2 }[];
  order: { id: string | null } | null;
  token: string | null;
  totalPrice: MoneyV2 | null;
}

export interface PixelEvent<D = Record<string, any>> {
  id: string;
  clientId: string;
  name: string;
  timestamp: string;
  context?: {
    document?: { location?: { href: string; pathname: string }; referrer?: string; title?: string };
    navigator?: { language?: string; userAgent?: string };
  } | null;
  data: D;
}

export interface PixelApi {
  analytics: { subscribe(name: string, callback: (event: PixelEvent) => void): unknown };
  /** Runs in the top frame, asynchronously. */
  browser: {
    cookie: { get(name: string): Promise<string> };
    localStorage: { getItem(key: string): Promise<string | null>; setItem(key: string, value: string): Promise<void> };
  };
  init?: { context?: PixelEvent['context'] };
}
