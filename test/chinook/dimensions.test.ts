import { DEFAULT_SPLIT, querySql, splitChinook, type SplitChinook } from '../support/chinook';
import { startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { decimalText as decimal } from '../support/decimal-text';

/**
 * Several dimensions, top N, one bucket over a range and snapshot facts on the second company (Chinook split
 * over MariaDB and PostgreSQL), every answer compared with SQL on the UNSPLIT PostgreSQL database, to the cent.
 * The oracle's SQL is written from the Chinook schema, not from the hub's mapping.
 */
let split: SplitChinook;
let hub: ChinookHub;

beforeAll(async () => {
  split = await splitChinook(DEFAULT_SPLIT, 'chinook_dims');
  // The output estimate is an upper bound (the product of the dimensions' member counts): the statement-count
  // cases group by three dimensions over five years, far above the default cell limit though their answers are small.
  hub = await startChinookHub(split, 'chinook_dims_hub', {
    loader: { maxBatchSize: 10_000 },
    limits: { maxResponseCells: 50_000_000 },
  });
}, 120_000);

afterAll(async () => {
  await hub?.dispose();
});

const VALUES = `query($codes: [String!]!, $from: String!, $to: String, $grain: Grain!, $by: [IndicatorDimension!], $top: TopMembers) {
  indicatorValues(codes: $codes, from: $from, to: $to, grain: $grain, by: $by, top: $top) {
    by periods { label from to }
    rows { period members { id } member { id } cells { code value reason } }
    warnings
    explain { code notes }
  }
}`;

interface Row {
  period: string;
  members: Array<{ id: string }>;
  member: { id: string } | null;
  cells: Array<{ code: string; value: string | null; reason: string | null }>;
}
interface Table {
  by: string[];
  periods: Array<{ label: string; from: string; to: string }>;
  rows: Row[];
  warnings: string[];
  explain: Array<{ code: string; notes: string[] }>;
}

async function values(vars: Record<string, unknown>) {
  const res = await hub.query<{ indicatorValues: Table }>(VALUES, vars);
  expect(res.errors).toBeUndefined();
  return { res, table: res.data!.indicatorValues };
}

const LINES = `from invoice_line il join invoice i on i.invoice_id = il.invoice_id join customer c on c.customer_id = i.customer_id
  join track t on t.track_id = il.track_id join album al on al.album_id = t.album_id`;
const REVENUE = 'sum(il.unit_price * il.quantity)';
const YEAR = `extract(year from i.invoice_date)::int::text`;
const MONTH = `to_char(i.invoice_date, 'YYYY-MM')`;
const RANGE = `i.invoice_date >= date '2021-01-01' and i.invoice_date < date '2026-01-01'`;

/** Hub rows as "period|member1|member2…" → value of the first cell, canonical. */
const cellsOf = (rows: Row[]) =>
  new Map(rows.map((r) => [[r.period, ...r.members.map((m) => m.id)].join('|'), decimal(r.cells[0]!.value)]));

/** Oracle rows (p, m1, m2…, v) → the same keys. */
async function oracle(sql: string): Promise<Map<string, string>> {
  const rows = await querySql('postgres', split.unsplit.postgres, sql);
  return new Map(
    rows
      .filter((o) => o.v !== null)
      .map((o) => [
        Object.keys(o)
          .filter((k) => k !== 'v')
          .map((k) => (o[k] === null ? '(none)' : String(o[k])))
          .join('|'),
        decimal(o.v),
      ]),
  );
}

/** Every oracle cell equals the hub's; every other hub cell is empty (null or 0). */
function compare(got: Map<string, string>, expected: Map<string, string>) {
  expect(expected.size).toBeGreaterThan(0);
  const mismatches = [...expected]
    .filter(([k, v]) => got.get(k) !== v)
    .map(([k, v]) => `${k}: oracle ${v}, hub ${got.get(k)}`);
  const extra = [...got]
    .filter(([k, v]) => !expected.has(k) && v !== 'null' && v !== '0')
    .map(([k, v]) => `${k}: hub ${v}, oracle none`);
  expect([...mismatches, ...extra]).toEqual([]);
}

interface Case {
  name: string;
  code: string;
  grain: 'YEAR' | 'MONTH' | 'ALL';
  by: string[];
  sql: string;
}

const WHOLE = `'2021..2025'`;
const CASES: Case[] = [
  {
    name: 'revenue by country × support rep',
    code: 'revenue',
    grain: 'YEAR',
    by: ['customer_country', 'customer_supportRep'],
    sql: `select ${YEAR} p, c.country m1, c.support_rep_id::text m2, round(${REVENUE}, 2) v ${LINES} group by 1, 2, 3`,
  },
  {
    name: 'revenue by country × genre (two fact dimensions, two sources)',
    code: 'revenue',
    grain: 'YEAR',
    by: ['customer_country', 'track_genre'],
    sql: `select ${YEAR} p, c.country m1, t.genre_id::text m2, round(${REVENUE}, 2) v ${LINES} group by 1, 2, 3`,
  },
  {
    name: 'tracks sold by support rep × media type × customer',
    code: 'units_sold',
    grain: 'YEAR',
    by: ['customer_supportRep', 'track_mediaType', 'customer'],
    sql: `select ${YEAR} p, c.support_rep_id::text m1, t.media_type_id::text m2, c.customer_id::text m3, sum(il.quantity) v ${LINES} group by 1, 2, 3, 4`,
  },
  {
    name: 'revenue over the whole range (grain ALL)',
    code: 'revenue',
    grain: 'ALL',
    by: [],
    sql: `select ${WHOLE} p, round(${REVENUE}, 2) v ${LINES} where ${RANGE}`,
  },
  {
    name: 'average price per track over the whole range (a ratio of the range)',
    code: 'average_track_price',
    grain: 'ALL',
    by: [],
    sql: `select ${WHOLE} p, round(${REVENUE} / sum(il.quantity), 2) v ${LINES} where ${RANGE}`,
  },
  {
    name: 'paying customers over the whole range (distinct, not added years)',
    code: 'paying_customers',
    grain: 'ALL',
    by: [],
    sql: `select ${WHOLE} p, count(distinct i.customer_id) v from invoice i where ${RANGE}`,
  },
  {
    name: 'paying customers by customer over the whole range',
    code: 'paying_customers',
    grain: 'ALL',
    by: ['customer'],
    sql: `select ${WHOLE} p, i.customer_id::text m1, count(distinct i.customer_id) v from invoice i where ${RANGE} group by 1, 2`,
  },
  {
    name: 'invoices by country × support rep over the whole range',
    code: 'invoice_count',
    grain: 'ALL',
    by: ['customer_country', 'customer_supportRep'],
    sql: `select ${WHOLE} p, c.country m1, c.support_rep_id::text m2, count(*) v from invoice i join customer c on c.customer_id = i.customer_id where ${RANGE} group by 1, 2, 3`,
  },
  {
    name: 'average invoice by support rep over the whole range',
    code: 'average_invoice',
    grain: 'ALL',
    by: ['customer_supportRep'],
    sql: `select ${WHOLE} p, c.support_rep_id::text m1, round(sum(i.total) / count(*), 2) v from invoice i join customer c on c.customer_id = i.customer_id where ${RANGE} group by 1, 2`,
  },
];

describe('several dimensions and one bucket over the range equal SQL on the unsplit database, to the cent', () => {
  test.each(CASES)('$name', async ({ code, grain, by, sql }) => {
    const range = grain === 'MONTH' ? { from: '2021-01', to: '2025-12' } : { from: '2021', to: '2025' };
    const { table } = await values({ codes: [code], ...range, grain, by });
    if (grain === 'ALL') expect(table.periods).toEqual([{ label: '2021..2025', from: '2021-01-01', to: '2026-01-01' }]);
    for (const r of table.rows) {
      expect(r.members).toHaveLength(by.length);
      expect(r.member?.id ?? null).toBe(r.members[0]?.id ?? null);
    }
    compare(cellsOf(table.rows), await oracle(sql));
  });
});

describe('top N members over the whole range, with their rows for every period', () => {
  test.each([
    {
      name: 'top 5 artists by revenue, monthly',
      by: ['track_album_artist'],
      member: 'al.artist_id::text',
      direction: 'DESC',
      n: 5,
    },
    {
      name: 'bottom 3 countries by revenue, monthly',
      by: ['customer_country'],
      member: 'c.country',
      direction: 'ASC',
      n: 3,
    },
  ])('$name', async ({ by, member, direction, n }) => {
    const { table } = await values({
      codes: ['revenue'],
      from: '2021-01',
      to: '2025-12',
      grain: 'MONTH',
      by,
      top: { indicator: 'revenue', n, direction },
    });
    // Ranked over the range by the oracle; ties by member id (text order).
    const ranked = await querySql(
      'postgres',
      split.unsplit.postgres,
      `select m, r from (select ${member} m, ${REVENUE} r ${LINES} where ${RANGE} group by 1) x order by r ${direction === 'DESC' ? 'desc' : 'asc'}, m collate "C" limit ${n}`,
    );
    const top = ranked.map((r) => String(r.m));
    expect(top).toHaveLength(n);
    const order = [...new Map(table.rows.map((r) => [r.members[0]!.id, true])).keys()];
    expect(order).toEqual(top);
    expect(table.rows).toHaveLength(60 * n);
    const inTop = top.map((m) => `'${m.replace(/'/g, "''")}'`).join(', ');
    compare(
      cellsOf(table.rows),
      await oracle(
        `select ${MONTH} p, ${member} m1, round(${REVENUE}, 2) v ${LINES} where ${member} in (${inTop}) group by 1, 2`,
      ),
    );
  });
});

describe('a snapshot fact feeds an indicator: its current value in every period', () => {
  test('tracks per genre, every year the same, with a warning and explain', async () => {
    const { table } = await values({
      codes: ['catalogue_tracks'],
      from: '2023',
      to: '2025',
      grain: 'YEAR',
      by: ['genre'],
    });
    const expected = new Map<string, string>();
    const counts = await querySql(
      'postgres',
      split.unsplit.postgres,
      'select genre_id::text m, count(*) v from track group by 1',
    );
    for (const p of ['2023', '2024', '2025']) for (const c of counts) expected.set(`${p}|${String(c.m)}`, decimal(c.v));
    compare(cellsOf(table.rows), expected);
    expect(table.warnings.join(' ')).toMatch(/catalogue_tracks is read from a snapshot/);
    expect(table.explain[0]!.notes.join(' ')).toMatch(/snapshot, as of now/);
  });

  test('its lineage has no TIME column', async () => {
    const res = await hub.query<{ indicator: { lineage: { columns: Array<{ column: string; roles: string[] }> } } }>(
      '{ indicator(code: "catalogue_tracks") { lineage { columns { column roles } } } }',
    );
    expect(res.errors).toBeUndefined();
    const columns = res.data!.indicator.lineage.columns;
    expect(columns.length).toBeGreaterThan(0);
    expect(columns.filter((c) => c.roles.includes('TIME'))).toEqual([]);
  });
});

describe('statements per source do not grow with rows, periods or dimensions', () => {
  test.each([
    { name: 'country × support rep', by: ['customer_country', 'customer_supportRep'] },
    { name: 'country × genre × artist', by: ['customer_country', 'track_genre', 'track_album_artist'] },
    { name: 'top 5 artists', by: ['track_album_artist'], top: { indicator: 'revenue', n: 5 } },
  ])('$name: two months cost the statements five years do', async ({ by, top }) => {
    // Rows are not selected: the statements behind the table are what is counted — each aggregate statement,
    // run or answered by the result cache (an earlier test may have run the same ranking).
    const statements = async (vars: Record<string, unknown>) => {
      const res = await hub.query<{ indicatorValues: { statements: Array<{ source: string }> } }>(
        `query($codes: [String!]!, $from: String!, $to: String, $grain: Grain!, $by: [IndicatorDimension!], $top: TopMembers) {
          indicatorValues(codes: $codes, from: $from, to: $to, grain: $grain, by: $by, top: $top) { statements { source } } }`,
        vars,
      );
      expect(res.errors).toBeUndefined();
      const bySource: Record<string, number> = {};
      for (const s of res.data!.indicatorValues.statements) bySource[s.source] = (bySource[s.source] ?? 0) + 1;
      return bySource;
    };
    const codes = ['revenue', 'units_sold'];
    const few = await statements({ codes, from: '2024-03', to: '2024-04', grain: 'MONTH', by, top });
    // One statement per fact (both indicators read invoice lines), plus one for the ranking.
    expect(few).toEqual({ sales: top ? 2 : 1 });
    expect(await statements({ codes, from: '2021-01', to: '2025-12', grain: 'MONTH', by, top })).toEqual(few);
  });
});

describe('what is refused, with the reason', () => {
  test.each([
    { name: 'a dimension twice', vars: { by: ['customer_country', 'customer_country'] }, message: /asked for twice/ },
    { name: 'by and groupBy', vars: { by: ['customer'], groupBy: 'customer' }, message: /not both/ },
    {
      name: 'ALL with a year-over-year indicator',
      vars: { codes: ['revenue_yoy'], grain: 'ALL' },
      message: /compares or accumulates periods/,
    },
    { name: 'top without a grouping', vars: { top: { indicator: 'revenue', n: 3 } }, message: /top needs a grouping/ },
    {
      name: 'top by an unknown indicator',
      vars: { by: ['customer'], top: { indicator: 'nope', n: 3 } },
      message: /Unknown indicator "nope"/,
    },
    { name: 'top 0', vars: { by: ['customer'], top: { indicator: 'revenue', n: 0 } }, message: /positive integer/ },
    { name: 'a dimension the indicator lacks', vars: { by: ['genre'] }, message: /cannot be cut by "genre"/ },
  ])('$name', async ({ vars, message }) => {
    const query = `query($codes: [String!]!, $grain: Grain!, $by: [IndicatorDimension!], $groupBy: String, $top: TopMembers) {
      indicatorValues(codes: $codes, from: "2024", grain: $grain, by: $by, groupBy: $groupBy, top: $top) { rows { period } } }`;
    const res = await hub.query(query, { codes: ['revenue'], grain: 'YEAR', ...vars });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
  });
});

describe('issue 23: ranges end where they say, null members are kept, distinct counts by attribute', () => {
  test('a `to` coarser than the grain ends where that period ends: 2022 to 2024 by quarter is 12 quarters', async () => {
    const { table } = await values({ codes: ['revenue'], from: '2022', to: '2024', grain: 'QUARTER', by: [] });
    expect(table.periods.map((p) => p.label)).toHaveLength(12);
    expect(table.periods[table.periods.length - 1]).toEqual({ label: '2024-Q4', from: '2024-10-01', to: '2025-01-01' });
    const q = `extract(year from i.invoice_date)::int::text || '-Q' || extract(quarter from i.invoice_date)::int::text`;
    compare(
      cellsOf(table.rows),
      await oracle(
        `select ${q} p, round(${REVENUE}, 2) v ${LINES} where i.invoice_date >= date '2022-01-01' and i.invoice_date < date '2025-01-01' group by 1`,
      ),
    );
  });

  test('a `to` finer than the grain rounds out to the bucket holding it', async () => {
    const { table } = await values({ codes: ['revenue'], from: '2022-02-15', to: '2024-05', grain: 'YEAR', by: [] });
    expect(table.periods.map((p) => p.label)).toEqual(['2022', '2023', '2024']);
  });

  test('rows whose reference is null are the member (none): hires by manager add up to all hires', async () => {
    const { table } = await values({ codes: ['hires'], from: '2000', to: '2030', grain: 'ALL', by: ['manager'] });
    const expected = await oracle(
      `select '2000..2030' p, reports_to::text m1, count(*) v from employee where hire_date < date '2031-01-01' group by 1, 2`,
    );
    expect(expected.has('2000..2030|(none)')).toBe(true);
    compare(cellsOf(table.rows), expected);
  });

  test('paying customers by country: one row per country, each the distinct customers there', async () => {
    const { table } = await values({
      codes: ['paying_customers'],
      from: '2021',
      to: '2025',
      grain: 'ALL',
      by: ['customer_country'],
    });
    expect(table.rows.length).toBeGreaterThan(0);
    compare(
      cellsOf(table.rows),
      await oracle(
        `select ${WHOLE} p, c.country m1, count(distinct i.customer_id) v from invoice i join customer c on c.customer_id = i.customer_id where ${RANGE} group by 1, 2`,
      ),
    );
  });

  test('distinct tracks sold by country: a row per country, null with the reason (not an empty table)', async () => {
    const { table } = await values({
      codes: ['distinct_tracks_sold'],
      from: '2021',
      to: '2025',
      grain: 'ALL',
      by: ['customer_country'],
    });
    const countries = await querySql(
      'postgres',
      split.unsplit.postgres,
      `select distinct c.country m from invoice i join customer c on c.customer_id = i.customer_id where ${RANGE}`,
    );
    expect(table.rows.map((r) => r.members[0]!.id).sort()).toEqual(countries.map((c) => String(c.m)).sort());
    for (const r of table.rows) {
      expect(r.cells[0]!.value).toBeNull();
      expect(r.cells[0]!.reason).toMatch(/count_distinct cannot be regrouped by customer\.country/);
    }
  });
});

describe('issue 23: a many-to-many dimension (playlist, through PlaylistTrack in another source) and float money', () => {
  const BY_PLAYLIST = `from invoice_line il join invoice i on i.invoice_id = il.invoice_id
    left join playlist_track pt on pt.track_id = il.track_id`;

  test('revenue by playlist: each line once in every playlist its track is on; explain says so', async () => {
    const { table } = await values({ codes: ['revenue'], from: '2021', to: '2025', grain: 'YEAR', by: ['playlist'] });
    compare(
      cellsOf(table.rows),
      await oracle(
        `select ${YEAR} p, coalesce(pt.playlist_id::text, '(none)') m1, round(${REVENUE}, 2) v ${BY_PLAYLIST} where ${RANGE} group by 1, 2`,
      ),
    );
    expect(table.explain[0]!.notes.join(' ')).toMatch(
      /many-to-many: playlist is reached from track through PlaylistTrack/,
    );
  });

  test('filtered on playlists, the total counts a line once however many of them it reaches', async () => {
    const res = await hub.query<{ indicatorValues: Table }>(
      `query($f: [DimensionFilter!]) { indicatorValues(codes: ["revenue"], from: "2021", to: "2025", grain: ALL, filters: $f) {
        by periods { label from to } rows { period members { id } member { id } cells { code value reason } } warnings explain { code notes } } }`,
      { f: [{ dimension: 'playlist', ids: ['1', '8'] }] },
    );
    expect(res.errors).toBeUndefined();
    compare(
      cellsOf(res.data!.indicatorValues.rows),
      await oracle(
        `select ${WHOLE} p, round(${REVENUE}, 2) v ${LINES} where ${RANGE} and il.track_id in (select track_id from playlist_track where playlist_id in (1, 8))`,
      ),
    );
  });

  test.each([
    ['revenue_from_float', 'revenue', ['customer_country']],
    ['invoiced_total_from_float', 'invoiced_total', ['customer']],
  ])('%s (a float copy read at 2 places) equals %s to the cent', async (float, exact, by) => {
    const a = await values({ codes: [float], from: '2021-01', to: '2025-12', grain: 'MONTH', by });
    const b = await values({ codes: [exact], from: '2021-01', to: '2025-12', grain: 'MONTH', by });
    expect(cellsOf(a.table.rows).size).toBeGreaterThan(100);
    expect(cellsOf(a.table.rows)).toEqual(cellsOf(b.table.rows));
  });

  test('the catalogue list value from a REAL copy equals the exact SQL to the cent', async () => {
    const { table } = await values({
      codes: ['catalogue_list_value'],
      from: '2024',
      to: '2024',
      grain: 'YEAR',
      by: ['genre'],
    });
    compare(
      cellsOf(table.rows),
      await oracle(`select '2024' p, genre_id::text m1, sum(unit_price) v from track group by 1, 2`),
    );
  });
});
