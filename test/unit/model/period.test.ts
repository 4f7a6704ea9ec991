import { GraphQLError } from 'graphql';
import { lastDay, parseApiPeriod, parsePeriod, SUPPORTED_YEARS, type Grain } from '../../../src/values/period';
import { thrown } from '../thrown';

const FORMS = 'YYYY, YYYY-Qn (n = 1–4), YYYY-MM (01–12), YYYY-MM-DD, YYYY-Www (01–53), FYyyyy or FYyyyy-Qn';

describe('parsePeriod accepts every documented form as a half-open window [from, to)', () => {
  const cases: Array<[input: string, fiscalYearStartMonth: number, grain: Grain, from: string, to: string]> = [
    ['2025', 1, 'year', '2025-01-01', '2026-01-01'],
    ['2024-Q1', 1, 'quarter', '2024-01-01', '2024-04-01'],
    ['2025-Q4', 1, 'quarter', '2025-10-01', '2026-01-01'],
    ['2025-Q1', 4, 'quarter', '2025-01-01', '2025-04-01'], // calendar quarters ignore the fiscal calendar
    ['2025-11', 1, 'month', '2025-11-01', '2025-12-01'],
    ['2025-12', 1, 'month', '2025-12-01', '2026-01-01'],
    ['2024-02', 1, 'month', '2024-02-01', '2024-03-01'],
    ['2025-11-05', 1, 'day', '2025-11-05', '2025-11-06'],
    ['2024-02-29', 1, 'day', '2024-02-29', '2024-03-01'],
    ['2025-12-31', 1, 'day', '2025-12-31', '2026-01-01'],
    ['2025-W01', 1, 'week', '2024-12-30', '2025-01-06'], // ISO week 1 starts in the previous year
    ['2024-W01', 1, 'week', '2024-01-01', '2024-01-08'],
    ['2025-W52', 1, 'week', '2025-12-22', '2025-12-29'],
    ['2020-W53', 1, 'week', '2020-12-28', '2021-01-04'], // 2020 has 53 ISO weeks
    ['2026-W53', 1, 'week', '2026-12-28', '2027-01-04'],
    ['FY2025', 1, 'year', '2025-01-01', '2026-01-01'],
    ['FY2025-Q1', 1, 'quarter', '2025-01-01', '2025-04-01'],
    ['FY2025', 4, 'year', '2025-04-01', '2026-04-01'],
    ['FY2025-Q1', 4, 'quarter', '2025-04-01', '2025-07-01'],
    ['FY2025-Q4', 4, 'quarter', '2026-01-01', '2026-04-01'],
    ['FY2025-Q2', 10, 'quarter', '2026-01-01', '2026-04-01'],
    ['0050', 1, 'year', '0050-01-01', '0051-01-01'], // not 1950: Date.UTC reads years 0–99 as 19xx
  ];

  test.each(cases)(
    '%s (fiscal year from month %d) is a %s from %s to %s',
    (input, fiscalYearStartMonth, grain, from, to) => {
      expect(parsePeriod(input, { fiscalYearStartMonth })).toEqual({ label: input, grain, from, to });
    },
  );

  test('surrounding spaces are ignored and left out of the label', () => {
    expect(parsePeriod('  2025-Q4 ')).toEqual({
      label: '2025-Q4',
      grain: 'quarter',
      from: '2025-10-01',
      to: '2026-01-01',
    });
  });
});

describe('parsePeriod refuses anything else with BAD_USER_INPUT, quoting the input and listing the forms', () => {
  const refused = [
    '2025-13', // month 13
    '2025-00',
    '2025-02-29', // 2025 is not a leap year
    '2025-04-31',
    '2025-00-10',
    '2021-W53', // 2021 has 52 ISO weeks
    '2025-W00',
    '2025-W54',
    '2025-Q0',
    '2025-Q5',
    'FY2025-Q5',
    '25',
    '20251',
    '2025-1',
    '2025/11',
    '2025-q4',
    'fy2025',
    'Q4 2025',
    '2025-11-05T00:00',
    'last month',
    '',
  ];

  test.each(refused)('%j', (input) => {
    const error = thrown(() => parsePeriod(input, { fiscalYearStartMonth: 4 }));
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'period' });
    expect(error.message).toContain(`"${input}"`);
    expect(error.message).toContain(FORMS);
  });

  test('the message teaches the expected forms, their ranges and the supported years, with examples', () => {
    expect(thrown(() => parsePeriod('2025-13')).message).toBe(
      'Invalid period "2025-13": expected YYYY, YYYY-Qn (n = 1–4), YYYY-MM (01–12), YYYY-MM-DD, YYYY-Www (01–53), FYyyyy or FYyyyy-Qn, with a year from 1900 to 2999 (for example "2025-Q4" or "2025-11").',
    );
  });
});

describe('parseApiPeriod: what a client may name — the forms, in the supported years', () => {
  test.each(['0001', '0000', '0050-06', '1899-12-31', '3000', 'FY0001', '9999-Q4', '3001-W01'])(
    '%j → BAD_USER_INPUT naming the supported years',
    (input) => {
      const error = thrown(() => parseApiPeriod(input)) as GraphQLError;
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'period',
        minYear: SUPPORTED_YEARS.min,
        maxYear: SUPPORTED_YEARS.max,
      });
      expect(error.message).toContain(`outside the supported years ${SUPPORTED_YEARS.min}–${SUPPORTED_YEARS.max}`);
      expect(error.message).toContain(FORMS);
    },
  );

  test.each(['1900', '1900-01-01', '2999-12', 'FY2999-Q4', '2025-Q4'])('%j is accepted', (input) => {
    expect(parseApiPeriod(input, { fiscalYearStartMonth: 4 }).label).toBe(input);
  });

  test('a computed period may step outside (a year before 1900-01 is still a period)', () => {
    expect(parsePeriod('1899-01').from).toBe('1899-01-01');
  });
});

describe('lastDay is the last day inside the period', () => {
  test.each([
    ['2024-02', 1, '2024-02-29'],
    ['2025-02', 1, '2025-02-28'],
    ['2025', 1, '2025-12-31'],
    ['2025-11-05', 1, '2025-11-05'],
    ['2020-W53', 1, '2021-01-03'],
    ['FY2025', 4, '2026-03-31'],
    ['FY2025-Q3', 4, '2025-12-31'],
  ])('%s (fiscal year from month %d) ends on %s', (input, fiscalYearStartMonth, expected) => {
    expect(lastDay(parsePeriod(input, { fiscalYearStartMonth }))).toBe(expected);
  });
});

describe('parsePeriod remembers what it parsed, and hands out copies', () => {
  test('a caller changing its period does not change the next caller’s', () => {
    const first = parsePeriod('2031-07');
    (first as { to: string }).to = 'changed';
    expect(parsePeriod('2031-07')).toEqual({ label: '2031-07', grain: 'month', from: '2031-07-01', to: '2031-08-01' });
    expect(parsePeriod('2031-07')).not.toBe(parsePeriod('2031-07'));
  });

  test('kept per fiscal calendar: FY2031 with the year starting in April is not FY2031 in January', () => {
    expect(parsePeriod('FY2031', { fiscalYearStartMonth: 1 })).toMatchObject({ from: '2031-01-01', to: '2032-01-01' });
    expect(parsePeriod('FY2031', { fiscalYearStartMonth: 4 })).toMatchObject({ from: '2031-04-01', to: '2032-04-01' });
    expect(parsePeriod('FY2031', { fiscalYearStartMonth: 1 })).toMatchObject({ from: '2031-01-01', to: '2032-01-01' });
  });

  test('a refused label is refused every time', () => {
    for (let i = 0; i < 2; i++) expect(() => parsePeriod('2031-13')).toThrow(/Invalid period "2031-13"/);
  });
});
