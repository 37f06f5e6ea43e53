// Lifecycle campaigns: messages after the first order, on the same outbox, stop rules, quiet hours
// and caps as the recovery campaigns. Their names, placeholders, default steps (common retention
// playbooks) and own settings. What each step's `after` counts from:
//  - replenishment: how long BEFORE the product's usual reorder time (the owner's `intervals`, else
//    the store's median reorder gap once it has `learnAfterGaps` gaps) the reminder goes;
//  - win_back: since the shopper's last order (step 2 follows a sent step 1);
//  - birthday: since local midnight of the birthday, in the store's time zone;
//  - review_request: since the order was fulfilled (the platform said so), else placed;
//  - bounce_back: since the shopper's first order;
//  - vip: since the previous VIP message to that phone (at most once per that time).
// They are off until the owner turns them on: a store upgrading does not start texting every past customer.
import type { CampaignsConfig, StepConfig } from '../config.js';
import { isRfmSegment, RFM_SEGMENTS } from '../../retention/segments.js';

export type LifecycleCampaign = 'replenishment' | 'win_back' | 'birthday' | 'review_request' | 'bounce_back' | 'vip';
export const LIFECYCLE_CAMPAIGNS: LifecycleCampaign[] = ['replenishment', 'win_back', 'birthday', 'review_request', 'bounce_back', 'vip'];
export const MULTI_STEP = new Set<string>(['win_back']);

export interface LifecycleSettings {
  /** Replenishment: usual reorder interval per product id or "category:<name>", e.g. {"p-coffee": "30d", "category:tea": "45d"}. */
  intervals?: Record<string, string>;
  /** Replenishment: a product's interval is learned (median gap between a customer's orders of it) once the store has this many gaps. Default 5. */
  learnAfterGaps?: number;
  /** Bounce-back: days the offer's code is valid ({days} in the text). Default 7. */
  codeValidDays?: number;
  /** VIP: the RFM segment messaged. Default "Champions". */
  segment?: string;
}

export const LIFECYCLE_PLACEHOLDERS: Record<LifecycleCampaign, string[]> = {
  replenishment: ['name', 'link', 'code', 'store', 'product'],
  win_back: ['name', 'link', 'code', 'store'],
  birthday: ['name', 'link', 'code', 'store'],
  review_request: ['name', 'link', 'store', 'order'],
  bounce_back: ['name', 'link', 'code', 'store', 'product', 'days'],
  vip: ['name', 'link', 'code', 'store'],
};

export const DEFAULT_LEARN_AFTER_GAPS = 5;
export const DEFAULT_CODE_VALID_DAYS = 7;
export const DEFAULT_VIP_SEGMENT = 'Champions';

const step = (after: string, template: StepConfig['template'], discountCode?: string): StepConfig => ({ after, ...(discountCode ? { discountCode } : {}), template });

export function lifecycleDefaults(): Record<LifecycleCampaign, { enabled: boolean; steps: StepConfig[] } & LifecycleSettings> {
  return {
    replenishment: {
      enabled: false,
      intervals: {},
      learnAfterGaps: DEFAULT_LEARN_AFTER_GAPS,
      steps: [
        step('3d', {
          en: '{name}, time to reorder {product}? It should be running low. One tap: {link}',
          fa: '{name} عزیز، وقت سفارش دوباره {product} است؟ احتمالاً رو به اتمام است. با یک لمس: {link}',
          he: '{name}, הגיע הזמן להזמין שוב {product}? כנראה שזה עומד להיגמר. בנגיעה אחת: {link}',
          ar: '{name}، حان وقت إعادة طلب {product}؟ ربما أوشك على النفاد. بنقرة واحدة: {link}',
        }),
      ],
    },
    win_back: {
      enabled: false,
      steps: [
        step('90d', {
          en: '{name}, we miss you at {store}! Come back with 10% off, code {code}: {link}',
          fa: '{name} عزیز، دلمان برایتان تنگ شده! با کد {code} از {store} با ۱۰٪ تخفیف خرید کنید: {link}',
          he: '{name}, התגעגענו אליך ב-{store}! 10% הנחה עם הקוד {code}: {link}',
          ar: '{name}، اشتقنا إليك في {store}! عد بخصم 10% بالرمز {code}: {link}',
        }, 'back10'),
        step('180d', {
          en: '{name}, it has been a while. 20% off your next order at {store} with {code}: {link}',
          fa: '{name} عزیز، مدتی است سری نزده‌اید. ۲۰٪ تخفیف سفارش بعدی در {store} با کد {code}: {link}',
          he: '{name}, עבר זמן מה. 20% הנחה על ההזמנה הבאה ב-{store} עם הקוד {code}: {link}',
          ar: '{name}، مضى وقت طويل. خصم 20% على طلبك القادم من {store} بالرمز {code}: {link}',
        }, 'back20'),
      ],
    },
    birthday: {
      enabled: false,
      steps: [
        step('10h', {
          en: '{name}, happy birthday! A gift from {store}: 15% off with code {code}: {link}',
          fa: '{name} عزیز، تولدتان مبارک! هدیه {store}: ۱۵٪ تخفیف با کد {code}: {link}',
          he: '{name}, יום הולדת שמח! מתנה מ-{store}: 15% הנחה עם הקוד {code}: {link}',
          ar: '{name}، عيد ميلاد سعيد! هدية من {store}: خصم 15% بالرمز {code}: {link}',
        }, 'bday15'),
      ],
    },
    review_request: {
      enabled: false,
      steps: [
        // The code is the thanks shown once the ratings are sent, not in the text.
        step('7d', {
          en: '{name}, how do you like what you got in order {order}? Rate each product and get a thank-you code: {link}',
          fa: '{name} عزیز، از محصولات سفارش {order} راضی هستید؟ به هر محصول امتیاز دهید و کد تشکر بگیرید: {link}',
          he: '{name}, איך המוצרים מההזמנה {order}? דרגו כל מוצר וקבלו קוד תודה: {link}',
          ar: '{name}، ما رأيك في منتجات طلبك {order}؟ قيّم كل منتج واحصل على رمز شكر: {link}',
        }, 'thanks10'),
      ],
    },
    bounce_back: {
      enabled: false,
      codeValidDays: DEFAULT_CODE_VALID_DAYS,
      steps: [
        step('1d', {
          en: '{name}, thanks for your first order! {product} with 15% off, code {code}, valid {days} days: {link}',
          fa: '{name} عزیز، از اولین خریدتان سپاسگزاریم! {product} با ۱۵٪ تخفیف، کد {code}، تا {days} روز: {link}',
          he: '{name}, תודה על ההזמנה הראשונה! {product} ב-15% הנחה עם הקוד {code}, בתוקף {days} ימים: {link}',
          ar: '{name}، شكرًا على طلبك الأول! {product} بخصم 15% بالرمز {code}، صالح {days} أيام: {link}',
        }, 'next15'),
      ],
    },
    vip: {
      enabled: false,
      segment: DEFAULT_VIP_SEGMENT,
      steps: [
        step('30d', {
          en: '{name}, you are one of our best customers. An exclusive 20% off at {store}, code {code}: {link}',
          fa: '{name} عزیز، شما از بهترین مشتریان ما هستید. ۲۰٪ تخفیف ویژه در {store} با کد {code}: {link}',
          he: '{name}, את/ה מהלקוחות הטובים ביותר שלנו. 20% הנחה בלעדית ב-{store} עם הקוד {code}: {link}',
          ar: '{name}، أنت من أفضل عملائنا. خصم حصري 20% في {store} بالرمز {code}: {link}',
        }, 'vip20'),
      ],
    },
  };
}

/** Problems in the lifecycle settings, each named (parseCampaigns reports them with the others). */
export function lifecycleProblems(config: CampaignsConfig, durationMs: (text: string) => number): string[] {
  const problems: string[] = [];
  const replenishment = config.campaigns.replenishment;
  const intervals = replenishment.intervals ?? {};
  if (typeof intervals !== 'object' || intervals === null || Array.isArray(intervals)) problems.push('replenishment.intervals must be an object like {"p-coffee": "30d", "category:tea": "45d"}');
  else {
    for (const [key, value] of Object.entries(intervals)) {
      try {
        if (!(durationMs(value) > 0)) throw new Error('the interval must be longer than 0');
      } catch (error) {
        problems.push(`replenishment.intervals.${key}: ${(error as Error).message}`);
      }
    }
  }
  const gaps = replenishment.learnAfterGaps;
  if (gaps !== undefined && (!Number.isInteger(gaps) || gaps < 1)) problems.push(`replenishment.learnAfterGaps must be a whole number of at least 1, got ${JSON.stringify(gaps)}`);
  const days = config.campaigns.bounce_back.codeValidDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) problems.push(`bounce_back.codeValidDays must be a whole number of days, got ${JSON.stringify(days)}`);
  const segment = config.campaigns.vip.segment;
  if (segment !== undefined && !isRfmSegment(segment)) problems.push(`vip.segment must be one of the RFM segments (${RFM_SEGMENTS.join(', ')}), got ${JSON.stringify(segment)}`);
  for (const [key, store] of Object.entries(config.stores ?? {})) {
    if (store?.timezone === undefined) continue;
    try {
      new Intl.DateTimeFormat('en', { timeZone: String(store.timezone) });
    } catch {
      problems.push(`stores.${key}.timezone must be an IANA time zone like "Asia/Tehran", got ${JSON.stringify(store.timezone)}`);
    }
  }
  return problems;
}
