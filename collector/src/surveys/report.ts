// The surveys' summary: answers, average rating, distribution, latest comments.
import type { FeatureContext } from '../feature.js';

export interface SurveysSummary {
  answers: number;
  average_rating: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  latest_comments: { order_id: string; rating: number; comment: string; answered_at: string }[];
}

export async function surveysReport(ctx: FeatureContext): Promise<{ summary: SurveysSummary }> {
  const rows = await ctx.db.query<{ rating: number; n: number }>('SELECT rating, COUNT(*) AS n FROM surveys_answers GROUP BY rating');
  const distribution: SurveysSummary['distribution'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const row of rows) distribution[String(row.rating) as keyof typeof distribution] = Number(row.n);
  const answers = Object.values(distribution).reduce((a, b) => a + b, 0);
  const total = Object.entries(distribution).reduce((acc, [rating, n]) => acc + Number(rating) * n, 0);
  const average = answers ? Math.round((total / answers) * 100) / 100 : null;
  const latest = await ctx.db.query<SurveysSummary['latest_comments'][number]>(
    "SELECT order_id, rating, comment, answered_at FROM surveys_answers WHERE comment IS NOT NULL AND comment <> '' ORDER BY answered_at DESC LIMIT 10",
  );
  const summary: SurveysSummary = { answers, average_rating: average, distribution, latest_comments: latest.map((r) => ({ ...r, rating: Number(r.rating) })) };
  return { summary };
}
