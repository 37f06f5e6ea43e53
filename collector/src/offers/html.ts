// Escaping and a small inline-SVG bar chart for the dashboard sections of offers and surveys
// (no script, no external asset: the dashboard stays CSP-strict).

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Horizontal bars, one per row, labelled and valued; width scales to the largest value. */
export function barChart(title: string, rows: { label: string; value: number; display?: string }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowHeight = 22;
  const height = rows.length * rowHeight + 4;
  const bars = rows
    .map((row, i) => {
      const y = i * rowHeight + 2;
      const width = Math.round((Math.max(0, row.value) / max) * 220);
      return (
        `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(row.label)}</text>` +
        `<rect x="120" y="${y + 3}" width="${width}" height="14" fill="#3b6ea5"></rect>` +
        `<text x="${126 + width}" y="${y + 15}" font-size="12">${escapeHtml(row.display ?? String(row.value))}</text>`
      );
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 420 ${height}" width="420" height="${height}"><title>${escapeHtml(title)}</title>${bars}</svg>`;
}

export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
