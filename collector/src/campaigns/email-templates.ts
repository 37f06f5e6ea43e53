// The default e-mails of the three campaigns, in English, Persian, Hebrew and Arabic. Like the SMS
// texts, each reads right without a name: the greeting that holds {name} is left out whole when no
// trusted name is known (render.ts withoutGreeting). The subject carries no name and no link.
import type { CampaignName } from './config.js';
import type { EmailTemplate } from './email-config.js';

export const DEFAULT_EMAIL_TEMPLATES: Partial<Record<CampaignName, EmailTemplate>> = {
  abandoned_cart: {
    subject: {
      en: 'Your cart at {store} is waiting',
      fa: 'سبد خرید شما در {store} منتظر شماست',
      he: 'העגלה שלך ב-{store} מחכה לך',
      ar: 'سلتك في {store} بانتظارك',
    },
    body: {
      en: 'Hi {name},\n\nYou left something in your cart at {store}. Finish your order with code {code}:\n\n{link}\n\nThank you,\n{store}',
      fa: '{name} عزیز،\n\nسبد خریدتان در {store} منتظر شماست. با کد {code} خریدتان را تمام کنید:\n\n{link}\n\nبا سپاس،\n{store}',
      he: '{name} שלום,\n\nהמוצרים שבחרת ב-{store} עדיין מחכים בעגלה. אפשר להשלים את ההזמנה עם הקוד {code}:\n\n{link}\n\nתודה,\n{store}',
      ar: 'مرحبًا {name}،\n\nما زالت منتجاتك في سلة التسوق في {store}. أكمل طلبك بالرمز {code}:\n\n{link}\n\nشكرًا لك،\n{store}',
    },
  },
  survey: {
    subject: {
      en: 'How was your order {order}?',
      fa: 'از سفارش {order} راضی بودید؟',
      he: 'איך הייתה ההזמנה {order}?',
      ar: 'كيف كان طلبك {order}؟',
    },
    body: {
      en: 'Hi {name},\n\nHow was your order {order} from {store}? Rate it in one click:\n\n{link}\n\nThank you,\n{store}',
      fa: '{name} عزیز،\n\nاز سفارش {order} در {store} راضی بودید؟ با یک کلیک امتیاز دهید:\n\n{link}\n\nبا سپاس،\n{store}',
      he: '{name} שלום,\n\nאיך הייתה ההזמנה {order} מ-{store}? אפשר לדרג בלחיצה אחת:\n\n{link}\n\nתודה,\n{store}',
      ar: 'مرحبًا {name}،\n\nكيف كان طلبك {order} من {store}؟ قيّمه بنقرة واحدة:\n\n{link}\n\nشكرًا لك،\n{store}',
    },
  },
  cross_sell: {
    subject: {
      en: 'Something to go with your last order',
      fa: 'پیشنهادی برای خرید قبلی شما',
      he: 'משהו שמתאים להזמנה האחרונה שלך',
      ar: 'شيء يناسب طلبك الأخير',
    },
    body: {
      en: 'Hi {name},\n\n{product} goes well with your last order. 10% off with code {code}:\n\n{link}\n\nThank you,\n{store}',
      fa: '{name} عزیز،\n\n{product} مکمل خرید قبلی شماست. ۱۰٪ تخفیف با کد {code}:\n\n{link}\n\nبا سپاس،\n{store}',
      he: '{name} שלום,\n\n{product} משתלב יפה עם ההזמנה האחרונה שלך. 10% הנחה עם הקוד {code}:\n\n{link}\n\nתודה,\n{store}',
      ar: 'مرحبًا {name}،\n\n{product} يناسب طلبك الأخير. خصم 10% بالرمز {code}:\n\n{link}\n\nشكرًا لك،\n{store}',
    },
  },
};

/** The footer's unsubscribe link, in the e-mail's language (English when it has none here). */
export const UNSUBSCRIBE_LABEL = new Map([
  ['en', 'Unsubscribe from these e-mails'],
  ['fa', 'لغو دریافت این ایمیل‌ها'],
  ['he', 'הסרה מרשימת התפוצה'],
  ['ar', 'إلغاء الاشتراك في هذه الرسائل'],
]);
