// The survey widget's words ({n}: the rating).
export const surveyTexts = {
  en: { title: 'How was your order?', star: '{n} of 5', comment: 'Anything to add? (optional)', send: 'Send', thanks: 'Thank you for your answer!', pick: 'Choose a rating first' },
  fa: { title: 'سفارش شما چطور بود؟', star: '{n} از ۵', comment: 'نکته‌ای دارید؟ (اختیاری)', send: 'ارسال', thanks: 'از پاسخ شما سپاسگزاریم!', pick: 'ابتدا امتیاز بدهید' },
  ar: { title: 'كيف كان طلبك؟', star: '{n} من 5', comment: 'هل لديك ما تضيفه؟ (اختياري)', send: 'إرسال', thanks: 'شكرًا على إجابتك!', pick: 'اختر تقييمًا أولًا' },
  he: { title: 'איך הייתה ההזמנה שלך?', star: '{n} מתוך 5', comment: 'רוצה להוסיף משהו? (רשות)', send: 'שליחה', thanks: 'תודה על תשובתך!', pick: 'בחרו דירוג קודם' },
};
