/**
 * Splits delimited text into rows of fields (RFC 4180 quoting: fields in double quotes may hold
 * the delimiter, line breaks and doubled quotes). Each row remembers the line it started on.
 */
export interface CsvRow {
  fields: string[];
  line: number;
}

export function parseDelimited(text: string, delimiter: ',' | '\t'): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    fields.push(field);
    field = '';
    rows.push({ fields, line: rowLine });
    fields = [];
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
    i++;
  }
  if (field.length > 0 || fields.length > 0) endRow();
  return rows;
}
