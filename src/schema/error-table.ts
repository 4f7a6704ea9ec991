import { ERROR_CATALOGUE, type ErrorEntry } from '../error-catalogue';

export const TABLE_START =
  '<!-- error-catalogue:start (npm run errors:doc writes this table from src/error-catalogue.ts) -->';
export const TABLE_END = '<!-- error-catalogue:end -->';

/** The error catalogue as a Markdown table: code, HTTP status, where, meaning, extensions, reasons. */
export function errorTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = Object.entries(ERROR_CATALOGUE as Record<string, ErrorEntry>).map(([code, e]) => {
    const ext = Object.entries(e.extensions ?? {})
      .map(([k, v]) => `\`${k}\`: ${v}`)
      .join('; ');
    const reasons = Object.entries(e.reasons ?? {})
      .map(([k, v]) => `\`${k}\` ${v}`)
      .join('; ');
    const origin = e.origin === 'apollo' ? ' (Apollo Server)' : '';
    return `| \`${code}\`${origin} | ${e.status} | ${e.where.join(', ')} | ${cell(e.meaning)} | ${cell(ext)} | ${cell(reasons)} |`;
  });
  return [
    `${Object.keys(ERROR_CATALOGUE).length} codes.`,
    '',
    '| code | HTTP | where | meaning | `extensions` | `extensions.reason` |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** `document` with the text between the table's markers replaced by the current table. */
export function withErrorTable(document: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the markers ${TABLE_START} … ${TABLE_END} are missing`);
  return `${document.slice(0, start + TABLE_START.length)}\n\n${errorTable()}\n\n${document.slice(end)}`;
}
