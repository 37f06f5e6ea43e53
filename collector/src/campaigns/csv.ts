// RFC 4180 CSV, just enough for lists of phone numbers: quoted fields with "" escapes and line
// breaks inside quotes, CRLF or LF rows, a byte-order mark ignored. Writing quotes any field that
// needs it and defuses spreadsheet formulas (a cell starting with = @ or a tab, or + - followed by
// anything but a number, is prefixed with '): an opt-out keyword is text a shopper sent.

/** The rows of a CSV text, each with its 1-based line number (where the row starts). */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowHasContent = false;
  const source = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    fields.push(field);
    if (rowHasContent || fields.length > 1 || field !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    rowHasContent = false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      rowHasContent = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      rowHasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length || rowHasContent) endRow();
  return rows;
}

function cell(value: string): string {
  const formula = /^[=@\t\r]/.test(value) || /^[+-](?![\d ()]*$)/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
