// A small order history whose retention numbers are worked out by hand in retention.test.ts:
// customers known by phone (on two browsers), by email (written in two cases), by both, or only by
// a browser; a cancelled and a refunded order; an order in a second currency; an order just after
// 2026-06-30 and (for another store) an order that counts nowhere. The app's Retention screen
// shows the same numbers.
import type { HistoryOrder } from '../src/retention/history.js';

export const at = (day: string, time = '10:00:00') => `${day}T${time}.000Z`;
export const order = (orderId: string, anonymousId: string, day: string, value: number, extra: Partial<HistoryOrder> = {}): HistoryOrder => ({
  orderId,
  anonymousId,
  value,
  currency: 'USD',
  status: null,
  createdAt: at(day),
  ...extra,
});

export const identities = [
  { anonymousId: 'a1', phone: '+15550000001', email: null, at: at('2026-01-10') },
  { anonymousId: 'a2', phone: '+15550000001', email: null, at: at('2026-04-10') },
  { anonymousId: 'b1', phone: null, email: 'B@Shop.example', at: at('2026-04-05') },
  { anonymousId: 'b2', phone: null, email: 'b@shop.example', at: at('2026-04-25') },
  { anonymousId: 'd1', phone: '+15550000004', email: 'D@x.example', at: at('2026-05-20') },
  { anonymousId: 'e1', phone: null, email: null, at: at('2025-12-01') },
];
export const orders = [
  order('A1', 'a1', '2026-01-10', 100),
  order('A2', 'a2', '2026-04-10', 50),
  order('A3', 'a1', '2026-05-10', 30, { status: 'cancelled' }),
  order('A4', 'a1', '2026-06-09', 20, { currency: 'EUR' }),
  order('B1', 'b1', '2026-04-05', 40),
  order('B2', 'b2', '2026-04-25', 60),
  order('B3', 'b1', '2026-06-15', 30),
  order('C1', 'c1', '2026-02-01', 80),
  order('C2', 'c1', '2026-02-11', 70, { status: 'refunded' }),
  order('D1', 'd1', '2026-05-20', 25.5),
  order('E1', 'e1', '2025-12-01', 10),
  { ...order('E2', 'e1', '2026-06-30', 15), createdAt: '2026-06-30T23:00:00.000Z' },
  { ...order('F1', 'f1', '2026-07-01', 99), createdAt: '2026-07-01T00:00:00.000Z' },
];
