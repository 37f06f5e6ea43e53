// Words of the standalone survey page (?lang=en|fa|ar|he); the widget has its own copy in its chunk.
export const surveyTexts = {
  en: { dir: 'ltr', title: 'How was your order?', rating: 'Your rating', stars: ['Very bad', 'Bad', 'OK', 'Good', 'Excellent'], comment: 'Anything to add? (optional)', send: 'Send', thanks: 'Thank you for your answer!', invalid: 'This survey link is not valid.', missing: 'Please choose a rating from 1 to 5.' },
  fa: { dir: 'rtl', title: 'سفارش شما چطور بود؟', rating: 'امتیاز شما', stars: ['خیلی بد', 'بد', 'متوسط', 'خوب', 'عالی'], comment: 'نکته‌ای دارید؟ (اختیاری)', send: 'ارسال', thanks: 'از پاسخ شما سپاسگزاریم!', invalid: 'این پیوند نظرسنجی معتبر نیست.', missing: 'لطفاً امتیازی از ۱ تا ۵ انتخاب کنید.' },
  ar: { dir: 'rtl', title: 'كيف كان طلبك؟', rating: 'تقييمك', stars: ['سيئ جدًا', 'سيئ', 'مقبول', 'جيد', 'ممتاز'], comment: 'هل لديك ما تضيفه؟ (اختياري)', send: 'إرسال', thanks: 'شكرًا على إجابتك!', invalid: 'رابط الاستبيان هذا غير صالح.', missing: 'يرجى اختيار تقييم من 1 إلى 5.' },
  he: { dir: 'rtl', title: 'איך הייתה ההזמנה שלך?', rating: 'הדירוג שלך', stars: ['גרוע מאוד', 'גרוע', 'סביר', 'טוב', 'מצוין'], comment: 'רוצה להוסיף משהו? (רשות)', send: 'שליחה', thanks: 'תודה על תשובתך!', invalid: 'קישור הסקר אינו תקף.', missing: 'יש לבחור דירוג בין 1 ל-5.' },
} as const;

export type SurveyLang = keyof typeof surveyTexts;

export function pickLang(value: unknown, acceptLanguage: string | undefined): SurveyLang {
  const wanted = [typeof value === 'string' ? value : '', ...(acceptLanguage ?? '').split(',')].map((part) => part.trim().slice(0, 2).toLowerCase());
  return (wanted.find((lang) => Object.hasOwn(surveyTexts, lang)) as SurveyLang | undefined) ?? 'en';
}
