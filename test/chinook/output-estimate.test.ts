import { sourceStatements } from '../../src/observability/metrics';
import { DEFAULT_SPLIT, querySql, splitChinook, type SplitChinook } from '../support/chinook';
import { startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { statementsBySource } from '../support/hub-client';

/**
 * The output estimate bounds dimensions the key map does not know (Chinook has no conformed entity: Track,
 * Genre, Customer… are counted in their home source at start). With limits.maxResponseCells at 100, a
 * request whose true size (oracle: SQL on the unsplit database) exceeds it is refused with
 * RESPONSE_TOO_LARGE before any statement reaches a source; one under it is answered.
 */
const MAX_CELLS = 100;
let split: SplitChinook;
let hub: ChinookHub;

beforeAll(async () => {
  split = await splitChinook(DEFAULT_SPLIT, 'chinook_estimate');
  hub = await startChinookHub(split, 'chinook_estimate_hub', { limits: { maxResponseCells: MAX_CELLS } });
}, 180_000);

afterAll(async () => {
  await hub?.dispose();
});

const LINES =
  'from invoice_line il join invoice i on i.invoice_id = il.invoice_id join track t on t.track_id = il.track_id';
const values = (from: string, to: string, grain: string, groupBy: string) =>
  `{ indicatorValues(codes: ["revenue"], from: "${from}", to: "${to}", grain: ${grain}, groupBy: "${groupBy}") { rows { period member { id } } } }`;

async function statements(): Promise<number> {
  const metric = await sourceStatements.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

test.each([
  {
    name: 'monthly revenue by genre over five years (a non-conformed entity reached through Track)',
    query: values('2021-01', '2025-12', 'MONTH', 'track.genre'),
    trueSize: `select count(*) n from (select distinct to_char(i.invoice_date, 'YYYY-MM'), t.genre_id ${LINES}) x`,
  },
  {
    name: 'yearly revenue by customer',
    query: values('2021', '2025', 'YEAR', 'customer'),
    trueSize: `select count(*) n from (select distinct extract(year from i.invoice_date), i.customer_id from invoice i) x`,
  },
])('$name: refused with RESPONSE_TOO_LARGE and no statement', async ({ query, trueSize }) => {
  const [size] = await querySql('postgres', split.unsplit.postgres, trueSize);
  expect(Number(size!.n)).toBeGreaterThan(MAX_CELLS);
  const before = await statements();
  const res = await hub.query(query);
  expect(res.status).toBe(400);
  expect(res.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  expect(statementsBySource(res)).toEqual({});
  expect(await statements()).toBe(before);
});

test('a request whose members are bounded under the limit (one year by genre) is answered, equal to SQL', async () => {
  const res = await hub.query<{ indicatorValues: { rows: Array<{ period: string; member: { id: string } | null }> } }>(
    values('2024', '2024', 'YEAR', 'track.genre'),
  );
  expect(res.errors).toBeUndefined();
  const genres = await querySql(
    'postgres',
    split.unsplit.postgres,
    `select distinct t.genre_id::text g ${LINES} where extract(year from i.invoice_date) = 2024`,
  );
  const got = new Set(res.data!.indicatorValues.rows.map((r) => r.member?.id));
  for (const g of genres) expect(got).toContain(String(g.g));
});
