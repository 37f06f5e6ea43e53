// CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, a UTF-8 byte order mark (Excel
// then reads Persian, Arabic and Hebrew right), and no formulas: a cell that starts with = + - @
// (or a tab or carriage return, which some spreadsheets skip before one) gets a leading
// apostrophe, so text a shopper typed is shown, never run. Numbers we wrote ourselves stay numbers.
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
