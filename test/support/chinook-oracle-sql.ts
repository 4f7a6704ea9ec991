import { tableName, type ChinookEngine, type ChinookTable } from './chinook';

/**
 * A small SQL builder for the differential test (test/differential/): the SQL an analyst would write on the
 * UNSPLIT Chinook database for one indicatorValues request — written from the Chinook schema, sharing no code
 * with the hub's adapter, mapping, buckets or regrouping. PostgreSQL and MariaDB spellings of the same query.
 */
export type OracleGrain = 'MONTH' | 'QUARTER' | 'YEAR' | 'ALL';

/** The facts the generated requests read, with the tables every row of them joins. */
export type OracleFact = 'lines' | 'invoices' | 'hires';

export interface OracleIndicator {
  code: string;
  fact: OracleFact;
  /** The aggregate over the fact's rows, in snake_case names (translated per engine). */
  value: string;
  /** Displayed with 2 places (money) or as an integer. */
  places: 0 | 2;
}

export const ORACLE_INDICATORS: readonly OracleIndicator[] = [
  { code: 'revenue', fact: 'lines', value: 'sum(il.unit_price * il.quantity)', places: 2 },
  // The float copy must equal the exact column: the oracle reads the exact one.
  { code: 'revenue_from_float', fact: 'lines', value: 'sum(il.unit_price * il.quantity)', places: 2 },
  { code: 'units_sold', fact: 'lines', value: 'sum(il.quantity)', places: 0 },
  { code: 'invoice_count', fact: 'invoices', value: 'count(*)', places: 0 },
  { code: 'invoiced_total', fact: 'invoices', value: 'sum(i.total)', places: 2 },
  { code: 'invoiced_total_from_float', fact: 'invoices', value: 'sum(i.total)', places: 2 },
  { code: 'paying_customers', fact: 'invoices', value: 'count(distinct i.customer_id)', places: 0 },
  { code: 'hires', fact: 'hires', value: 'count(*)', places: 0 },
];

/** A dimension of the request (IndicatorDimension value) → the column that gives its member, per fact. */
export const ORACLE_DIMENSIONS: Record<OracleFact, Record<string, string>> = {
  lines: {
    customer: 'i.customer_id',
    customer_country: 'c.country',
    customer_supportRep: 'c.support_rep_id',
    track_genre: 't.genre_id',
    track_mediaType: 't.media_type_id',
    track_album_artist: 'al.artist_id',
    playlist: 'pt.playlist_id',
  },
  invoices: { customer: 'i.customer_id', customer_country: 'c.country', customer_supportRep: 'c.support_rep_id' },
  hires: { manager: 'e.reports_to' },
};

const FROM: Record<OracleFact, string> = {
  lines: `from invoice_line il join invoice i on i.invoice_id = il.invoice_id
    join customer c on c.customer_id = i.customer_id
    join track t on t.track_id = il.track_id join album al on al.album_id = t.album_id`,
  invoices: 'from invoice i join customer c on c.customer_id = i.customer_id',
  hires: 'from employee e',
};
const TIME: Record<OracleFact, string> = { lines: 'i.invoice_date', invoices: 'i.invoice_date', hires: 'e.hire_date' };

export interface OracleQuery {
  indicator: OracleIndicator;
  /** Half-open [start, end) as ISO dates: the run of whole buckets the request covers. */
  start: string;
  end: string;
  grain: OracleGrain;
  /** The label of the one bucket of grain ALL. */
  allLabel: string;
  by: readonly string[];
  filters: ReadonlyArray<{ dimension: 'customer' | 'playlist'; ids: readonly number[] }>;
}

/** Rows (p, m0, m1…, v): the value of every period × member combination holding rows. */
export function cellsSql(engine: ChinookEngine, q: OracleQuery): string {
  return spelled(engine, statement(engine, q, true));
}

/** Rows (m0, m1…, v): each member's value over the whole range (for the ranking of `top`). */
export function rangeSql(engine: ChinookEngine, q: OracleQuery): string {
  return spelled(engine, statement(engine, q, false));
}

function statement(engine: ChinookEngine, q: OracleQuery, byPeriod: boolean): string {
  const fact = q.indicator.fact;
  const dims = q.by.map((d) => ORACLE_DIMENSIONS[fact][d]!);
  const text = (x: string) => (engine === 'postgres' ? `(${x})::text` : `cast(${x} as char)`);
  const members = dims.map((d, i) => `coalesce(${text(d)}, '(none)') as m${i}`);
  const playlistGrouped = q.by.includes('playlist');
  const joins = playlistGrouped ? ' left join playlist_track pt on pt.track_id = il.track_id' : '';
  const time = TIME[fact];
  const where = [`${time} >= '${q.start}'`, `${time} < '${q.end}'`];
  for (const f of q.filters) {
    const ids = f.ids.join(', ');
    if (f.dimension === 'customer') where.push(`i.customer_id in (${ids})`);
    else if (playlistGrouped) where.push(`pt.playlist_id in (${ids})`);
    else where.push(`il.track_id in (select track_id from playlist_track where playlist_id in (${ids}))`);
  }
  const period = byPeriod ? [`${label(engine, q.grain, time, q.allLabel)} as p`] : [];
  const select = [...period, ...members, `${q.indicator.value} as v`].join(', ');
  const groups = [...period, ...members].map((_, i) => String(i + 1));
  return `select ${select} ${FROM[fact]}${joins} where ${where.join(' and ')}${groups.length ? ` group by ${groups.join(', ')}` : ''}`;
}

function label(engine: ChinookEngine, grain: OracleGrain, time: string, allLabel: string): string {
  const pg = engine === 'postgres';
  switch (grain) {
    case 'MONTH':
      return pg ? `to_char(${time}, 'YYYY-MM')` : `date_format(${time}, '%Y-%m')`;
    case 'QUARTER':
      return pg ? `to_char(${time}, 'YYYY"-Q"Q')` : `concat(year(${time}), '-Q', quarter(${time}))`;
    case 'YEAR':
      return pg ? `to_char(${time}, 'YYYY')` : `cast(year(${time}) as char)`;
    case 'ALL':
      return `'${allLabel}'`;
  }
}

const TABLES: readonly ChinookTable[] = [
  'invoice_line',
  'invoice',
  'customer',
  'track',
  'album',
  'employee',
  'playlist_track',
];
const COLUMNS = [
  'invoice_id',
  'customer_id',
  'track_id',
  'album_id',
  'artist_id',
  'genre_id',
  'media_type_id',
  'playlist_id',
  'support_rep_id',
  'reports_to',
  'hire_date',
  'invoice_date',
  'unit_price',
  'quantity',
  'total',
  'country',
];

/** PostgreSQL's snake_case names as the MariaDB script spells them (invoice_line → InvoiceLine). */
function spelled(engine: ChinookEngine, sql: string): string {
  if (engine === 'postgres') return sql;
  const names = [...TABLES, ...COLUMNS].sort((a, b) => b.length - a.length);
  return sql.replace(new RegExp(`\\b(${names.join('|')})\\b`, 'g'), (n) => tableName('mysql', n as ChinookTable));
}
