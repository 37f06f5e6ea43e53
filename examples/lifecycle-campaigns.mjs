// The demo turns on the lifecycle campaigns (off by default in a real collector) with the default
// texts in English, Persian, Hebrew and Arabic (the dashboard's Templates table lists them):
// replenishment with an interval for the demo's green tea (and any product of category "tea", and
// its own text), win-back, birthday, review request, first-order bounce-back and VIP. Move the campaign clock (POST /v1/campaigns/run?asOf=...) to see them.
export const lifecycleCampaigns = {
  replenishment: { enabled: true, intervals: { 'tea-01': '30d', 'category:tea': '45d' }, steps: [{ after: '3d', discountCode: 'refill5', template: {
    en: '{name}, time to reorder {product}? It should be running low. 5% off with {code}: {link}',
    fa: '{name} عزیز، وقت سفارش دوباره {product} است؟ ۵٪ تخفیف با کد {code}: {link}',
    he: '{name}, הגיע הזמן להזמין שוב {product}? 5% הנחה עם הקוד {code}: {link}',
    ar: '{name}، حان وقت إعادة طلب {product}؟ خصم 5% بالرمز {code}: {link}',
  } }] },
  win_back: { enabled: true },
  birthday: { enabled: true },
  review_request: { enabled: true },
  bounce_back: { enabled: true, codeValidDays: 7 },
  vip: { enabled: true, segment: 'Champions' },
};
