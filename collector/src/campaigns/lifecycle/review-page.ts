// The review page a review-request SMS opens: one 1-5 rating (and an optional comment) per product
// of the order, then a thank-you with the next-order code. No script (any CSP, no JavaScript needed):
// a plain form posting back to the same URL. Product names are the platform order's, escaped.
import { escapeHtml } from '../../html.js';

export const reviewTexts = {
  en: { dir: 'ltr', title: 'Rate what you bought', rating: 'Your rating', comment: 'A few words (optional)', send: 'Send', thanks: 'Thank you for your reviews!', code: 'Your code for the next order:', invalid: 'This review link is not valid.', missing: 'Please rate at least one product from 1 to 5.' },
  fa: { dir: 'rtl', title: 'به خریدتان امتیاز دهید', rating: 'امتیاز شما', comment: 'چند کلمه (اختیاری)', send: 'ارسال', thanks: 'از نظرات شما سپاسگزاریم!', code: 'کد تخفیف سفارش بعدی شما:', invalid: 'این پیوند نظرسنجی معتبر نیست.', missing: 'لطفاً دست‌کم به یک محصول امتیازی از ۱ تا ۵ بدهید.' },
  ar: { dir: 'rtl', title: 'قيّم ما اشتريته', rating: 'تقييمك', comment: 'بضع كلمات (اختياري)', send: 'إرسال', thanks: 'شكرًا على تقييماتك!', code: 'رمزك للطلب القادم:', invalid: 'رابط التقييم هذا غير صالح.', missing: 'يرجى تقييم منتج واحد على الأقل من 1 إلى 5.' },
  he: { dir: 'rtl', title: 'דרגו את מה שקניתם', rating: 'הדירוג שלך', comment: 'כמה מילים (רשות)', send: 'שליחה', thanks: 'תודה על הביקורות!', code: 'הקוד שלך להזמנה הבאה:', invalid: 'קישור הביקורת אינו תקף.', missing: 'יש לדרג לפחות מוצר אחד בין 1 ל-5.' },
} as const;

export type ReviewLang = keyof typeof reviewTexts;

export function pickReviewLang(value: unknown, acceptLanguage: string | undefined): ReviewLang {
  const wanted = [typeof value === 'string' ? value : '', ...(acceptLanguage ?? '').split(',')].map((part) => part.trim().slice(0, 2).toLowerCase());
  return (wanted.find((lang) => Object.hasOwn(reviewTexts, lang)) as ReviewLang | undefined) ?? 'en';
}

export interface ReviewProduct {
  productId: string;
  name: string;
}

export function reviewPage(lang: ReviewLang, state: { action?: string; products?: ReviewProduct[]; done?: { code: string }; error?: string; invalid?: boolean }): string {
  const t = reviewTexts[lang];
  let body: string;
  if (state.invalid) body = `<p role="alert">${escapeHtml(t.invalid)}</p>`;
  else if (state.done) {
    body = `<p role="status">${escapeHtml(t.thanks)}</p>` + (state.done.code ? `<p>${escapeHtml(t.code)} <strong data-code>${escapeHtml(state.done.code)}</strong></p>` : '');
  } else {
    const products = (state.products ?? [])
      .map((p, i) => {
        const stars = [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="rating_${i}" value="${n}"> ${n}</label>`).join(' ');
        return `<fieldset><legend>${escapeHtml(p.name || p.productId)}</legend><div>${escapeHtml(t.rating)}: ${stars}</div>` +
          `<label for="c${i}">${escapeHtml(t.comment)}</label><textarea id="c${i}" name="comment_${i}" maxlength="2000" rows="2"></textarea></fieldset>`;
      })
      .join('');
    body = `<form method="post" action="${escapeHtml(state.action)}">` + (state.error ? `<p role="alert">${escapeHtml(state.error)}</p>` : '') + products + `<button type="submit">${escapeHtml(t.send)}</button></form>`;
  }
  return `<!doctype html><html lang="${lang}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:0 auto;padding:1rem;color:#1a1a1a}fieldset{border:1px solid #ddd;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}label{margin-inline-end:.5rem}textarea{width:100%;box-sizing:border-box;font:inherit}button{min-height:44px;padding:0 1.5rem;font:inherit;background:#1f5fa8;color:#fff;border:0;border-radius:6px}</style>
</head><body><h1>${escapeHtml(t.title)}</h1>${body}</body></html>`;
}
