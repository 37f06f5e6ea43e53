// The three tea stores on no known platform (English in EUR, Persian in IRR, Hebrew in ILS): their
// products, words and money format. Shared by the pages (store.js) and the fake backend that
// places orders (backend.mjs), so a price is never taken from the browser.
//
// Iranian stores keep prices in rials (IRR, what Homing reports: money in major units with an ISO
// currency) and show them in toman (1 toman = 10 rials) with Persian digits.
import { discountOf } from '../coupons.mjs';
export const stores = {
  en: {
    writeKey: 'wk_plain', page: '/examples/plain/', file: 'index.html', cart: '/examples/plain/cart', lang: 'en', dir: 'ltr', currency: 'EUR', name: 'Tea House',
    products: { 'tea-01': { name: 'Green Tea', price: 12.1 }, 'cup-02': { name: 'Tea Cup', price: 7.2 } },
    format: (value) => new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(value),
    count: String,
    t: { cart: 'Cart', empty: 'Your cart is empty.', subtotal: 'Subtotal', discount: 'Discount', total: 'Total', checkout: 'Checkout',
      name: 'Name', phone: 'Phone', consent: 'Text me about my order and offers', order: 'Place order',
      thanks: (name) => `Thank you, ${name}!`, confirmed: (id) => `Order ${id} is confirmed.`, back: 'Continue shopping',
      applied: ['Code', 'applied: {p}% off your cart.'] },
  },
  fa: {
    writeKey: 'wk_fa', page: '/examples/plain/fa.html', file: 'fa.html', cart: '/examples/plain/fa/cart', lang: 'fa', dir: 'rtl', currency: 'IRR', name: 'چای‌خانه',
    products: { 'tea-01': { name: 'چای سبز', price: 2500000 }, 'cup-02': { name: 'استکان کمرباریک', price: 1200000 } },
    format: (rials) => `${new Intl.NumberFormat('fa-IR').format(Math.round(rials / 10))} تومان`,
    count: (n) => new Intl.NumberFormat('fa-IR').format(n),
    t: { cart: 'سبد خرید', empty: 'سبد خرید شما خالی است.', subtotal: 'جمع کالاها', discount: 'تخفیف', total: 'مبلغ قابل پرداخت', checkout: 'تسویه حساب',
      name: 'نام', phone: 'شماره موبایل', consent: 'درباره سفارش و پیشنهادها به من پیامک بزنید', order: 'ثبت سفارش',
      thanks: (name) => `${name} عزیز، سپاس از خرید شما!`, confirmed: (id) => `سفارش شماره ${new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(id)} ثبت شد.`, back: 'ادامه خرید',
      applied: ['کد', 'اعمال شد: {p}٪ تخفیف روی سبد خرید شما.'] },
  },
  he: {
    writeKey: 'wk_he', page: '/examples/plain/he.html', file: 'he.html', cart: '/examples/plain/he/cart', lang: 'he', dir: 'rtl', currency: 'ILS', name: 'בית התה',
    products: { 'tea-01': { name: 'תה ירוק', price: 45 }, 'cup-02': { name: 'ספל תה', price: 29 } },
    format: (value) => new Intl.NumberFormat('he-IL', { style: 'currency', currency: 'ILS' }).format(value),
    count: String,
    t: { cart: 'סל קניות', empty: 'סל הקניות שלך ריק.', subtotal: 'סכום ביניים', discount: 'הנחה', total: 'סה״כ לתשלום', checkout: 'לקופה',
      name: 'שם', phone: 'מספר נייד', consent: 'שלחו לי SMS על ההזמנה ועל מבצעים', order: 'ביצוע הזמנה',
      thanks: (name) => `תודה, ${name}!`, confirmed: (id) => `הזמנה ${id} אושרה.`, back: 'להמשך קניות',
      applied: ['הקוד', 'הופעל: {p}% הנחה על הסל.'] },
  },
};

/** The cart cookie's name: each store keeps its own cart in the shopper's browser. */
export const cartCookie = (storeId) => `tea_cart_${storeId}`;

/** Lines, subtotal, discount and total of a cart `{ lines: {productId: qty}, discount }`, in the store's currency (major units). */
export function priceCart(store, cart, coupon) {
  const minor = store.currency === 'IRR' ? 1 : 100;
  const lines = Object.entries(cart.lines ?? {})
    .filter(([id, quantity]) => store.products[id] && quantity > 0)
    .map(([id, quantity]) => ({ product_id: id, name: store.products[id].name, price: store.products[id].price, quantity: Math.floor(quantity) }));
  const subtotal = Math.round(lines.reduce((sum, line) => sum + line.price * minor * line.quantity, 0));
  const discount = discountOf(subtotal, coupon);
  return { lines, coupon, subtotal: subtotal / minor, discount: discount / minor, total: (subtotal - discount) / minor };
}
