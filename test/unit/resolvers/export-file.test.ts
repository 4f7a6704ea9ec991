import ExcelJS from 'exceljs';
import { neutralised, toCsv, toXlsx } from '../../../src/resolvers/export-file';

/** The export's file writers: CSV as RFC 4180 with a BOM, formulas neutralised, XLSX cells as shown. */
const table = {
  title: 'Revenue: 2025/Q4 [draft]',
  headers: ['名称', 'value', 'note'],
  rows: [
    ['营业收入', '87340687.16', 'a, "quoted" cell'],
    ['=HYPERLINK("x")', '-12.50', '@SUM(A1)'],
    ['', '13731793799', 'line\nbreak'],
  ],
};

test('CSV: byte-order mark, CRLF, quotes doubled, formula-like text prefixed, negative numbers kept', () => {
  const text = toCsv(table).toString('utf8');
  expect(text).toBe(
    '\uFEFF名称,value,note\r\n' +
      '营业收入,87340687.16,"a, ""quoted"" cell"\r\n' +
      '"\'=HYPERLINK(""x"")",-12.50,\'@SUM(A1)\r\n' +
      ',13731793799,"line\nbreak"\r\n',
  );
});

test('neutralised leaves numbers and plain text alone', () => {
  expect(neutralised('-5')).toBe('-5');
  expect(neutralised('-5.25')).toBe('-5.25');
  expect(neutralised('+1 555')).toBe("'+1 555");
  expect(neutralised('收入')).toBe('收入');
});

test('XLSX: one sheet with a safe name, header row, numbers as numbers only when the text round-trips', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await toXlsx(table)) as never);
  const sheet = book.worksheets[0]!;
  expect(sheet.name).toBe('Revenue  2025 Q4  draft ');
  const values = (r: number) => [1, 2, 3].map((c) => sheet.getRow(r).getCell(c).value);
  expect(values(1)).toEqual(table.headers);
  expect(values(2)).toEqual(['营业收入', 87340687.16, 'a, "quoted" cell']);
  // "-12.50" does not survive Number → text, so it stays the text shown.
  expect(values(3)).toEqual(['\'=HYPERLINK("x")', '-12.50', "'@SUM(A1)"]);
  expect(values(4)).toEqual([null, 13731793799, 'line\nbreak']);
});
