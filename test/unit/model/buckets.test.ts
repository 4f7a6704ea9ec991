import {
  bucketOf,
  bucketsBetween,
  daysIn,
  nextBucket,
  previousBucket,
  startOf,
  yearAgo,
} from '../../../src/values/buckets';
import { isoDate, parsePeriod, type CalendarOptions, type Grain } from '../../../src/values/period';
import { thrown } from '../thrown';

const cal = (fiscalYearStartMonth: number): CalendarOptions => ({ fiscalYearStartMonth });
const at = (label: string, fy = 1) => parsePeriod(label, cal(fy));
const GRAINS: Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

describe('bucketOf: the bucket of each grain that contains a date', () => {
  const cases: Array<[date: string, grain: Grain, fy: number, label: string, from: string, to: string]> = [
    // calendar year (fiscal year from January): plain labels
    ['2025-03-31', 'day', 1, '2025-03-31', '2025-03-31', '2025-04-01'],
    ['2025-03-31', 'week', 1, '2025-W14', '2025-03-31', '2025-04-07'],
    ['2025-03-31', 'month', 1, '2025-03', '2025-03-01', '2025-04-01'],
    ['2025-03-31', 'quarter', 1, '2025-Q1', '2025-01-01', '2025-04-01'],
    ['2025-03-31', 'year', 1, '2025', '2025-01-01', '2026-01-01'],
    ['2025-04-01', 'quarter', 1, '2025-Q2', '2025-04-01', '2025-07-01'],
    ['2025-12-31', 'quarter', 1, '2025-Q4', '2025-10-01', '2026-01-01'],
    ['2024-02-29', 'day', 1, '2024-02-29', '2024-02-29', '2024-03-01'],
    ['2024-02-29', 'month', 1, '2024-02', '2024-02-01', '2024-03-01'],
    // fiscal year from April: FY named by the year it starts in; days, weeks and months ignore it
    ['2025-03-31', 'day', 4, '2025-03-31', '2025-03-31', '2025-04-01'],
    ['2025-03-31', 'week', 4, '2025-W14', '2025-03-31', '2025-04-07'],
    ['2025-03-31', 'month', 4, '2025-03', '2025-03-01', '2025-04-01'],
    ['2025-03-31', 'quarter', 4, 'FY2024-Q4', '2025-01-01', '2025-04-01'],
    ['2025-03-31', 'year', 4, 'FY2024', '2024-04-01', '2025-04-01'],
    ['2025-04-01', 'quarter', 4, 'FY2025-Q1', '2025-04-01', '2025-07-01'],
    ['2025-04-01', 'year', 4, 'FY2025', '2025-04-01', '2026-04-01'],
    ['2025-06-30', 'quarter', 4, 'FY2025-Q1', '2025-04-01', '2025-07-01'],
    ['2025-07-01', 'quarter', 4, 'FY2025-Q2', '2025-07-01', '2025-10-01'],
    ['2025-12-31', 'quarter', 4, 'FY2025-Q3', '2025-10-01', '2026-01-01'],
    ['2026-01-01', 'quarter', 4, 'FY2025-Q4', '2026-01-01', '2026-04-01'],
    ['2026-01-01', 'year', 4, 'FY2025', '2025-04-01', '2026-04-01'],
    // fiscal year from October
    ['2025-09-30', 'quarter', 10, 'FY2024-Q4', '2025-07-01', '2025-10-01'],
    ['2025-10-01', 'quarter', 10, 'FY2025-Q1', '2025-10-01', '2026-01-01'],
    // ISO weeks across year ends: a week belongs to the year of its Thursday
    ['2024-12-29', 'week', 1, '2024-W52', '2024-12-23', '2024-12-30'],
    ['2024-12-30', 'week', 1, '2025-W01', '2024-12-30', '2025-01-06'],
    ['2025-01-05', 'week', 1, '2025-W01', '2024-12-30', '2025-01-06'],
    ['2021-01-03', 'week', 1, '2020-W53', '2020-12-28', '2021-01-04'],
    ['2020-12-28', 'week', 1, '2020-W53', '2020-12-28', '2021-01-04'],
    ['2021-01-04', 'week', 1, '2021-W01', '2021-01-04', '2021-01-11'],
    ['2023-01-01', 'week', 1, '2022-W52', '2022-12-26', '2023-01-02'],
    ['2027-01-03', 'week', 1, '2026-W53', '2026-12-28', '2027-01-04'],
    ['2021-01-03', 'week', 4, '2020-W53', '2020-12-28', '2021-01-04'],
    // years 0–99 stay themselves (not 1900–1999) and are labelled with four digits
    ['0050-06-15', 'month', 1, '0050-06', '0050-06-01', '0050-07-01'],
    ['0050-06-15', 'quarter', 1, '0050-Q2', '0050-04-01', '0050-07-01'],
    ['0050-06-15', 'year', 1, '0050', '0050-01-01', '0051-01-01'],
    ['0050-06-15', 'year', 4, 'FY0050', '0050-04-01', '0051-04-01'],
    ['0050-06-15', 'day', 1, '0050-06-15', '0050-06-15', '0050-06-16'],
  ];

  test.each(cases)('%s at grain %s (fiscal year from month %d) is %s [%s, %s)', (date, grain, fy, label, from, to) => {
    expect(bucketOf(date, grain, cal(fy))).toEqual({ label, grain, from, to });
  });

  // Every day of 2019-12 … 2027-01: its bucket contains it, and the label parses back to the same window.
  const days: string[] = [];
  for (let t = Date.UTC(2019, 11, 1); t < Date.UTC(2027, 1, 1); t += 86_400_000) days.push(isoDate(new Date(t)));
  const sweeps = GRAINS.flatMap((grain) => [1, 4, 10].map((fy) => [grain, fy] as const));

  test.each(sweeps)(
    'every day 2019-12 … 2027-01 at grain %s (fiscal year from month %d) lies in its bucket, whose label round-trips',
    (grain, fy) => {
      const wrong = days.filter((date) => {
        const b = bucketOf(date, grain, cal(fy));
        return (
          !(b.from <= date && date < b.to && b.grain === grain) ||
          JSON.stringify(parsePeriod(b.label, cal(fy))) !== JSON.stringify(b)
        );
      });
      expect(wrong).toEqual([]);
    },
  );

  test('a week of year 0050 is labelled 0050-Www and contains the date', () => {
    const b = bucketOf('0050-06-15', 'week', cal(1));
    expect(b.label).toMatch(/^0050-W\d\d$/);
    expect(b.from <= '0050-06-15' && '0050-06-15' < b.to).toBe(true);
    expect(parsePeriod(b.label)).toEqual(b);
  });
});

describe('previousBucket and nextBucket step one bucket, across year and fiscal-year ends', () => {
  const cases: Array<[label: string, fy: number, previous: string, next: string]> = [
    ['2025-01', 1, '2024-12', '2025-02'],
    ['2024-12', 1, '2024-11', '2025-01'],
    ['2025-Q1', 1, '2024-Q4', '2025-Q2'],
    ['2025-Q4', 1, '2025-Q3', '2026-Q1'],
    ['2025', 1, '2024', '2026'],
    ['FY2025-Q1', 4, 'FY2024-Q4', 'FY2025-Q2'],
    ['FY2024-Q4', 4, 'FY2024-Q3', 'FY2025-Q1'],
    ['FY2025-Q3', 4, 'FY2025-Q2', 'FY2025-Q4'], // crosses the calendar year inside one fiscal year
    ['FY2025', 4, 'FY2024', 'FY2026'],
    ['2025-03', 4, '2025-02', '2025-04'], // months ignore the fiscal calendar
    ['2025-W01', 1, '2024-W52', '2025-W02'],
    ['2020-W53', 1, '2020-W52', '2021-W01'],
    ['2021-W01', 1, '2020-W53', '2021-W02'],
    ['2025-01-01', 1, '2024-12-31', '2025-01-02'],
    ['2024-03-01', 1, '2024-02-29', '2024-03-02'],
    ['2024-02-28', 1, '2024-02-27', '2024-02-29'],
  ];

  test.each(cases)('%s (fiscal year from month %d): previous %s, next %s', (label, fy, previous, next) => {
    const p = at(label, fy);
    const prev = previousBucket(p, cal(fy));
    const nxt = nextBucket(p, cal(fy));
    expect([prev.label, nxt.label]).toEqual([previous, next]);
    // adjacent, no gap and no overlap
    expect([prev.to, nxt.from]).toEqual([p.from, p.to]);
  });
});

describe('yearAgo: the same bucket one year earlier', () => {
  const cases: Array<[label: string, fy: number, yearAgo: string]> = [
    ['2025-03', 1, '2024-03'],
    ['2025-01', 1, '2024-01'],
    ['2025-Q1', 1, '2024-Q1'],
    ['2025-Q4', 1, '2024-Q4'],
    ['2025', 1, '2024'],
    ['FY2025-Q1', 4, 'FY2024-Q1'],
    ['FY2024-Q4', 4, 'FY2023-Q4'],
    ['FY2025', 4, 'FY2024'],
    ['2025-W01', 1, '2024-W01'],
    ['2021-W01', 1, '2020-W01'],
    ['2025-W52', 1, '2024-W52'],
    ['2026-W53', 1, '2025-W52'], // 2026 has 53 weeks, 2025 has 52
    ['2020-W53', 1, '2019-W52'],
    ['2024-02-29', 1, '2023-02-28'],
    ['2025-02-28', 1, '2024-02-28'],
    ['2025-03-31', 1, '2024-03-31'],
    ['2024-12-31', 1, '2023-12-31'],
    ['2025-03-01', 1, '2024-03-01'],
    ['0051', 1, '0050'],
    ['0051-03-01', 1, '0050-03-01'],
    ['0051-07', 1, '0050-07'],
  ];

  test.each(cases)('%s (fiscal year from month %d) → %s', (label, fy, expected) => {
    const p = at(label, fy);
    const ago = yearAgo(p, cal(fy));
    expect(ago).toEqual(at(expected, fy));
    expect(ago.grain).toBe(p.grain);
  });
});

describe('bucketsBetween: the run of buckets from the one containing `first` to the one containing `last`', () => {
  const cases: Array<
    [first: string, last: string, grain: Grain, fy: number, count: number, firstLabel: string, lastLabel: string]
  > = [
    ['2024-01', '2025-12', 'month', 1, 24, '2024-01', '2025-12'],
    ['2025-11', '2026-02', 'month', 1, 4, '2025-11', '2026-02'],
    ['2024-Q1', '2025-Q4', 'quarter', 1, 8, '2024-Q1', '2025-Q4'],
    ['FY2024-Q1', 'FY2025-Q4', 'quarter', 4, 8, 'FY2024-Q1', 'FY2025-Q4'],
    ['FY2024-Q3', 'FY2025-Q2', 'quarter', 4, 4, 'FY2024-Q3', 'FY2025-Q2'],
    ['FY2020', 'FY2025', 'year', 4, 6, 'FY2020', 'FY2025'],
    ['2020-W52', '2021-W02', 'week', 1, 4, '2020-W52', '2021-W02'],
    ['2024-01-01', '2024-12-31', 'day', 1, 366, '2024-01-01', '2024-12-31'],
    ['2025-01-01', '2025-12-31', 'day', 1, 365, '2025-01-01', '2025-12-31'],
    ['2025-06', '2025-06', 'month', 1, 1, '2025-06', '2025-06'],
  ];

  test.each(cases)(
    '%s … %s at grain %s (fiscal year from month %d): %d buckets, %s to %s',
    (first, last, grain, fy, count, firstLabel, lastLabel) => {
      const run = bucketsBetween(at(first, fy), at(last, fy), grain, cal(fy));
      expect(run).toHaveLength(count);
      expect([run[0]!.label, run[run.length - 1]!.label]).toEqual([firstLabel, lastLabel]);
      // contiguous: each bucket starts where the one before ends
      expect(run.slice(1).filter((b, i) => b.from !== run[i]!.to)).toEqual([]);
    },
  );

  test.each([
    // a `to` coarser than the grain ends where the period it names ends (issue 23: not at its first bucket)
    ['2022', '2024', 'quarter', 1, 12, '2022-Q1', '2024-Q4'],
    ['2022', '2024', 'month', 1, 36, '2022-01', '2024-12'],
    ['2022', '2024', 'week', 1, 158, '2021-W52', '2025-W01'],
    ['2024-Q1', '2024-Q2', 'month', 1, 6, '2024-01', '2024-06'],
    ['2024-01', '2024-02', 'day', 1, 60, '2024-01-01', '2024-02-29'],
    ['FY2024', 'FY2024', 'quarter', 4, 4, 'FY2024-Q1', 'FY2024-Q4'],
    ['FY2024', 'FY2025', 'month', 4, 24, '2024-04', '2026-03'],
    // ends finer than the grain round out to the buckets holding them
    ['2024-02-15', '2024-05', 'quarter', 1, 2, '2024-Q1', '2024-Q2'],
    ['2022-03', '2024-02-15', 'year', 1, 3, '2022', '2024'],
  ] as const)('from %s to %s by %s (FY from month %d): %d buckets, %s … %s', (first, last, grain, fy, count, a, z) => {
    const run = bucketsBetween(at(first, fy), at(last, fy), grain, cal(fy));
    expect([run.length, run[0]!.label, run[run.length - 1]!.label]).toEqual([count, a, z]);
    expect(run[run.length - 1]!.to >= at(last, fy).to).toBe(true);
  });

  test('FY quarters are listed by fiscal label', () => {
    expect(bucketsBetween(at('FY2024-Q3', 4), at('FY2025-Q2', 4), 'quarter', cal(4)).map((b) => b.label)).toEqual([
      'FY2024-Q3',
      'FY2024-Q4',
      'FY2025-Q1',
      'FY2025-Q2',
    ]);
  });

  test('a `last` before `first` gives no buckets', () => {
    expect(bucketsBetween(at('2025-06'), at('2025-01'), 'month', cal(1))).toEqual([]);
  });

  test('more than `max` buckets is refused with a RangeError naming the grain and the ends', () => {
    const error = thrown(() => bucketsBetween(at('2020-01-01'), at('2025-12-31'), 'day', cal(1)));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('more than 400 day buckets between 2020-01-01 and 2025-12-31');
  });

  test.each([
    [24, 24, false],
    [25, 24, false],
    [23, 24, true],
  ])('max %d with 24 months: refused = %s', (max, _count, refused) => {
    const run = () => bucketsBetween(at('2024-01'), at('2025-12'), 'month', cal(1), max);
    if (refused) expect(run).toThrow(RangeError);
    else expect(run()).toHaveLength(24);
  });
});

describe('startOf: the first bucket of the (fiscal) year or quarter containing a bucket', () => {
  const cases: Array<[label: string, span: 'year' | 'quarter', fy: number, start: string]> = [
    ['2025-03', 'year', 1, '2025-01'],
    ['2025-01', 'year', 1, '2025-01'],
    ['2025-03', 'year', 4, '2024-04'],
    ['2025-04', 'year', 4, '2025-04'],
    ['2025-12', 'year', 4, '2025-04'],
    ['2025-08', 'quarter', 1, '2025-07'],
    ['2025-03', 'quarter', 4, '2025-01'],
    ['2025-06', 'quarter', 4, '2025-04'],
    ['2025-08', 'quarter', 2, '2025-08'], // fiscal quarters from February: Aug–Oct
    ['2025-07', 'quarter', 2, '2025-05'],
    ['2025-Q3', 'year', 1, '2025-Q1'],
    ['FY2025-Q3', 'year', 4, 'FY2025-Q1'],
    ['FY2024-Q4', 'year', 4, 'FY2024-Q1'],
    ['2025-03-15', 'quarter', 4, '2025-01-01'],
    ['2025-05-20', 'quarter', 4, '2025-04-01'],
    ['2025-03-15', 'year', 4, '2024-04-01'],
    ['2024-02-29', 'year', 1, '2024-01-01'],
    // weeks: a week belongs to the (fiscal) year/quarter of its Thursday, so the first week is the first
    // whose Thursday is inside the span — for calendar years, ISO week 01
    ['2025-W01', 'year', 1, '2025-W01'], // starts 2024-12-30, yet is the first week of 2025
    ['2025-W10', 'year', 1, '2025-W01'],
    ['2021-W10', 'year', 1, '2021-W01'], // 2021-01-01 lies in 2020-W53, which is not part of 2021
    ['2021-W01', 'year', 1, '2021-W01'],
    ['2020-W53', 'year', 1, '2020-W01'], // ends in 2021, yet is the last week of 2020
    ['2022-W30', 'year', 1, '2022-W01'],
    ['2025-W13', 'quarter', 1, '2025-W01'],
    ['2025-W14', 'quarter', 1, '2025-W14'], // Thursday 2025-04-03 is in Q2
    ['2025-W20', 'quarter', 1, '2025-W14'],
    ['2025-W20', 'year', 4, '2025-W14'], // FY2025 from 2025-04-01: first Thursday is 2025-04-03
    ['2025-W13', 'year', 4, '2024-W14'], // Thursday 2025-03-27 is still FY2024
  ];

  test.each(cases)('%s, %s (fiscal year from month %d) starts at %s', (label, span, fy, start) => {
    const p = at(label, fy);
    expect(startOf(p, span, cal(fy))).toEqual(at(start, fy));
  });

  test('for calendar years, the first week of every year 2015–2030 is ISO week 01', () => {
    const wrong: string[] = [];
    for (let y = 2015; y <= 2030; y++) {
      for (const w of ['01', '02', '20', '52']) {
        const got = startOf(at(`${y}-W${w}`), 'year', cal(1)).label;
        if (got !== `${y}-W01`) wrong.push(`${y}-W${w} → ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('daysIn: days in a bucket', () => {
  const cases: Array<[label: string, fy: number, days: number]> = [
    ['2024-02-29', 1, 1],
    ['2025-W01', 1, 7],
    ['2020-W53', 1, 7],
    ['2024-02', 1, 29],
    ['2025-02', 1, 28],
    ['2025-01', 1, 31],
    ['2025-04', 1, 30],
    ['2024-Q1', 1, 91],
    ['2025-Q1', 1, 90],
    ['2025-Q3', 1, 92],
    ['FY2025-Q4', 4, 90],
    ['FY2023-Q4', 4, 91],
    ['2024', 1, 366],
    ['2025', 1, 365],
    ['FY2023', 4, 366], // 2023-04 … 2024-03 holds 29 Feb 2024
    ['FY2024', 4, 365],
  ];

  test.each(cases)('%s (fiscal year from month %d) has %d days', (label, fy, days) => {
    expect(daysIn(at(label, fy))).toBe(days);
  });
});
