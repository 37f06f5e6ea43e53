// The prompt's words in the languages stores using Homing sell in; right-to-left where needed.
export interface PromptStrings {
  title: string;
  text: string;
  phone: string;
  name: string;
  consent: string;
  /** The optional birthday field (a gift code on the day), with the order of day and month it reads (./birthday.ts). */
  birthday: string;
  /** Shown when the birthday typed is no day and month. */
  badBirthday: string;
  save: string;
  close: string;
  invalid: string;
  thanks: string;
}

export const STRINGS: Record<string, PromptStrings> = {
  en: {
    title: 'Save your cart',
    text: 'Get a reminder by SMS so your cart is waiting for you.',
    phone: 'Mobile number',
    name: 'First name (optional)',
    consent: 'Yes, text me about my cart',
    birthday: 'Birthday (optional, MM-DD)',
    badBirthday: 'Please enter your birthday as MM-DD.',
    save: 'Save my cart',
    close: 'Close',
    invalid: 'Please enter a valid mobile number.',
    thanks: 'Saved. We will text you a reminder.',
  },
  fa: {
    title: 'سبد خریدتان را نگه دارید',
    text: 'با پیامک یادآوری می‌کنیم که سبد خریدتان منتظر شماست.',
    phone: 'شماره موبایل',
    name: 'نام (اختیاری)',
    consent: 'بله، درباره سبد خریدم پیامک بفرستید',
    birthday: 'تاریخ تولد شمسی (اختیاری، روز/ماه)',
    badBirthday: 'لطفاً تاریخ تولد را به شکل روز/ماه وارد کنید.',
    save: 'ذخیره سبد خرید',
    close: 'بستن',
    invalid: 'لطفاً یک شماره موبایل معتبر وارد کنید.',
    thanks: 'ذخیره شد. یادآوری را پیامک می‌کنیم.',
  },
  ar: {
    title: 'احفظ سلة التسوق',
    text: 'احصل على تذكير برسالة نصية لتجد سلتك بانتظارك.',
    phone: 'رقم الجوال',
    name: 'الاسم الأول (اختياري)',
    consent: 'نعم، راسلوني بخصوص سلتي',
    birthday: 'تاريخ الميلاد (اختياري، يوم/شهر)',
    badBirthday: 'يرجى إدخال تاريخ الميلاد بالشكل يوم/شهر.',
    save: 'احفظ سلتي',
    close: 'إغلاق',
    invalid: 'يرجى إدخال رقم جوال صحيح.',
    thanks: 'تم الحفظ. سنرسل لك تذكيرًا.',
  },
  he: {
    title: 'שמרו את העגלה',
    text: 'קבלו תזכורת ב-SMS והעגלה תחכה לכם.',
    phone: 'מספר נייד',
    name: 'שם פרטי (לא חובה)',
    consent: 'כן, שלחו לי הודעה על העגלה שלי',
    birthday: 'יום הולדת (רשות, יום/חודש)',
    badBirthday: 'נא להזין יום הולדת בצורה יום/חודש.',
    save: 'שמירת העגלה',
    close: 'סגירה',
    invalid: 'נא להזין מספר נייד תקין.',
    thanks: 'נשמר. נשלח לכם תזכורת.',
  },
};

export function stringsFor(locale: string): { lang: string; strings: PromptStrings; rtl: boolean } {
  const lang = locale.slice(0, 2).toLowerCase();
  const known = STRINGS[lang] ? lang : 'en';
  // Every language here but English is written right to left.
  return { lang: known, strings: STRINGS[known], rtl: known != 'en' };
}
