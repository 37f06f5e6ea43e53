// The words of the order-received page in each language the sample serves (`?lang=`), as
// WooCommerce's own translations print them, with the number format of a store in that language:
// a Persian store shows Persian digits and its prices in rials, written after the number.
export const texts = {
  en: {
    locale: 'en-US', site: 'Homing Demo Store', title: 'Order received', received: 'Thank you. Your order has been received.',
    number: 'Order number:', date: 'Date:', email: 'Email:', total: 'Total:', method: 'Payment method:', cod: 'Cash on delivery',
    codNote: 'Pay with cash upon delivery.', details: 'Order details', product: 'Product', lineTotal: 'Total', subtotal: 'Subtotal:',
    discount: 'Discount', billing: 'Billing address', customer: 'Sam Shopper', address: ['1 Demo Street', 'Springfield'],
    footer: 'Proudly powered by WordPress', back: 'Back to the shop',
  },
  fa: {
    locale: 'fa-IR', symbolAfter: true, site: 'فروشگاه نمایشی', title: 'سفارش دریافت شد', received: 'سپاس. سفارش شما دریافت شد.',
    number: 'شماره سفارش:', date: 'تاریخ:', email: 'ایمیل:', total: 'مجموع:', method: 'روش پرداخت:', cod: 'پرداخت هنگام تحویل',
    codNote: 'پرداخت نقدی هنگام تحویل کالا.', details: 'جزئیات سفارش', product: 'محصول', lineTotal: 'مجموع', subtotal: 'جمع جزء:',
    discount: 'تخفیف', billing: 'آدرس صورت‌حساب', customer: 'سارا احمدی', address: ['خیابان نمونه، پلاک ۱', 'تهران'],
    footer: 'با افتخار، نیرو گرفته از وردپرس', back: 'بازگشت به فروشگاه',
  },
  ar: {
    locale: 'ar-EG', site: 'المتجر التجريبي', title: 'تم استلام الطلب', received: 'شكرًا لك. تم استلام طلبك.',
    number: 'رقم الطلب:', date: 'التاريخ:', email: 'البريد الإلكتروني:', total: 'الإجمالي:', method: 'طريقة الدفع:', cod: 'الدفع عند الاستلام',
    codNote: 'ادفع نقدًا عند الاستلام.', details: 'تفاصيل الطلب', product: 'المنتج', lineTotal: 'الإجمالي', subtotal: 'المجموع الفرعي:',
    discount: 'الخصم', billing: 'عنوان الفاتورة', customer: 'سارة أحمد', address: ['شارع المثال ١', 'القاهرة'],
    footer: 'فخور بالعمل على ووردبريس', back: 'العودة إلى المتجر',
  },
  he: {
    locale: 'he-IL', site: 'חנות ההדגמה', title: 'ההזמנה התקבלה', received: 'תודה. ההזמנה שלך התקבלה.',
    number: 'מספר הזמנה:', date: 'תאריך:', email: 'אימייל:', total: 'סה״כ:', method: 'אמצעי תשלום:', cod: 'מזומן בעת המסירה',
    codNote: 'תשלום במזומן בעת המסירה.', details: 'פרטי ההזמנה', product: 'מוצר', lineTotal: 'סה״כ', subtotal: 'סכום ביניים:',
    discount: 'הנחה', billing: 'כתובת לחיוב', customer: 'נועה כהן', address: ['רחוב הדוגמה 1', 'תל אביב'],
    footer: 'מופעל בגאווה על ידי וורדפרס', back: 'חזרה לחנות',
  },
};
