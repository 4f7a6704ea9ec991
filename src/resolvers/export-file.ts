import ExcelJS from 'exceljs';

/** A table as a screen shows it: headers and text cells ("" for no value). */
export interface ExportTable {
  title: string;
  headers: string[];
  rows: string[][];
}

/** A text that a spreadsheet would run as a formula (=, +, -, @ not starting a number) gets a leading '. */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !isNumeric(cell) ? `'${cell}` : cell;
}

function isNumeric(cell: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(cell);
}

/** RFC 4180 CSV (CRLF, quotes doubled) with a UTF-8 byte-order mark, so spreadsheets read Chinese right. */
export function toCsv(table: ExportTable): Buffer {
  const quote = (cell: string) => {
    const safe = neutralised(cell);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [table.headers, ...table.rows].map((line) => line.map(quote).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * One sheet: a bold header row, then the rows. A cell whose text is a number that survives the round trip
 * (Number → text) is written as a number, an empty one as an empty cell, every other as the text shown.
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'indicator-hub';
  const sheet = book.addWorksheet(sheetName(table.title));
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      row.map((cell) =>
        cell === '' ? null : isNumeric(cell) && String(Number(cell)) === cell ? Number(cell) : neutralised(cell),
      ),
    );
  }
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(...[table.headers, ...table.rows].map((r) => (r[i] ?? '').length));
    column.width = Math.min(60, Math.max(8, widest + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Export';
}
