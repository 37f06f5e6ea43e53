// Reading RFC 4180 CSV, just enough for lists of phone numbers: quoted fields with "" escapes and
// line breaks inside quotes, CRLF or LF rows, a byte-order mark ignored, and the apostrophe our own
// exports put before a cell a spreadsheet would take for a formula (../app/csv.ts) taken off again.

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
    fields.push(field.replace(/^'(?=[=+\-@\t\r])/, ''));
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
      fields.push(field.replace(/^'(?=[=+\-@\t\r])/, ''));
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
