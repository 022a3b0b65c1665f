// Rows in COPY's text format: tab-separated, \N for NULL, and backslash escapes for the characters
// that would end a field or a row. bytea goes as \x hex, its backslash escaped in turn.

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  return String(value).replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

export function copyRow(values: unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + field(values[i]);
  return `${line}\n`;
}
