// The post-purchase survey at the collector: answers from the widget's events and from the
// standalone page an SMS link opens (signed per order), and the report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCollector } from '../src/server.js';
import { surveysFeature } from '../src/surveys/feature.js';
import { surveyLink } from '../src/surveys/link.js';
import type { StoredEvent } from '../src/feature.js';

const pg = process.env.HOMING_TEST_PG_URL;
const databases: [string, () => string][] = [
  ['sqlite', () => 'sqlite::memory:'],
  ...(pg ? [['postgres', () => `${pg}${pg.includes('?') ? '&' : '?'}schema=surveys_${Date.now()}_${Math.floor(Math.random() * 1e6)}`] as [string, () => string]] : []),
];

describe.each(databases)('surveys on %s', (_name, databaseUrl) => {
  let app: FastifyInstance;
  const clock = new Date('2026-11-23T10:00:00Z');
  beforeEach(async () => {
    app = await createCollector({
      config: { databaseUrl: databaseUrl(), adminToken: 'admin', publicUrl: 'https://collect.example', writeKeys: { wk_test: { allowedOrigins: ['*'] } }, env: {} },
      features: [surveysFeature()],
      now: () => clock,
    });
  });
  afterEach(() => app.close());

  const pathOf = (link: string) => { const u = new URL(link); return `${u.pathname}${u.search}`; };
  const feature = () => app.homing.features.find((f) => f.name === 'surveys')!;
  const submitted = (messageId: string, properties: Record<string, unknown>): StoredEvent => ({
    writeKey: 'wk_test', messageId, type: 'track', event: 'Survey Submitted', timestamp: clock.toISOString(), receivedAt: clock.toISOString(), properties,
  });

  it('serves a script-free survey page only for a signed link, and records the posted answer', async () => {
    const link = surveyLink(app.homing.ctx, 'wk_test', 'A-1001');
    expect(link).toMatch(/^https:\/\/collect\.example\/s\/A-1001\?k=wk_test&t=[\w-]{22}$/);
    const page = await app.inject({ method: 'GET', url: `${pathOf(link)}&lang=fa` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).not.toContain('<script');
    const forged = await app.inject({ method: 'GET', url: pathOf(link).replace('A-1001', 'A-1002') });
    expect(forged.statusCode).toBe(403);
    const missing = await app.inject({ method: 'POST', url: pathOf(link), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'comment=hi' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Please choose a rating');
    const answer = await app.inject({ method: 'POST', url: pathOf(link), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'rating=4&comment=%3Cb%3Efast%3C%2Fb%3E+delivery' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('Thank you');
    const rows = await app.homing.db.query('SELECT order_id, rating, comment, source FROM surveys_answers');
    expect(rows).toEqual([{ order_id: 'A-1001', rating: 4, comment: '<b>fast</b> delivery', source: 'link' }]);
  });

  it('reports answers from widget events, average and distribution, and the latest comments as written', async () => {
    await feature().onEvents!([
      submitted('m1', { order_id: '1', rating: 5, comment: '<script>alert(1)</script>' }),
      submitted('m2', { order_id: '2', rating: 3 }),
      submitted('m3', { order_id: '3', rating: 9 }),
      submitted('m4', { order_id: '2', rating: 4, comment: 'changed my mind' }),
    ], app.homing.ctx);
    const { summary } = await feature().report!(app.homing.ctx);
    // The first answer for order 2 stays: a later public event does not replace it.
    expect(summary).toMatchObject({ answers: 2, average_rating: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });
    // JSON for the admin: pages that show it escape it (the app's own tests).
    expect((summary as { latest_comments: { comment: string }[] }).latest_comments.map((c) => c.comment)).toEqual(['<script>alert(1)</script>']);
  });
});
