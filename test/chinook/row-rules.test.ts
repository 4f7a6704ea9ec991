import { DEFAULT_SPLIT, querySql, splitChinook, type SplitChinook } from '../support/chinook';
import { startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { statementsBySource } from '../support/hub-client';

/**
 * Row rules over the model on the second company: `sales_support: { rows: { Customer: "supportRep =
 * viewer.id" } }`. Support agents log in as their Employee id (byTitle "Sales Support Agent") and see
 * their own customers, those customers' invoices and revenue, nothing else; compared with SQL on the
 * UNSPLIT PostgreSQL database restricted to customer.support_rep_id.
 */
let split: SplitChinook;
let hub: ChinookHub;

beforeAll(async () => {
  split = await splitChinook(DEFAULT_SPLIT, 'chinook_rules');
  hub = await startChinookHub(split, 'chinook_rules_hub');
}, 120_000);

afterAll(async () => {
  await hub?.dispose();
});

const oracle = (sql: string, params: unknown[] = []) => querySql('postgres', split.unsplit.postgres, sql, params);
const money = (v: unknown) => (v === null || v === undefined ? null : Number(v).toFixed(2));
const AGENTS = ['3', '4', '5'];

async function ok<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  as: string | { person: string },
) {
  const res = await hub.query<T>(query, variables, as);
  expect(res.errors).toBeUndefined();
  return { res, data: res.data! };
}

describe.each(AGENTS)('support agent %s', (agent) => {
  const me = { person: agent };

  test('the customer list is exactly their customers, phone and e-mail in full', async () => {
    const { data } = await ok<{
      customers: Array<{ id: string; phone: string | null; email: string | null; supportRep: { id: string } }>;
    }>('{ customers(limit: 1000) { id phone email supportRep { id } } }', {}, me);
    const expected = await oracle(
      'select customer_id::text id, phone, email from customer where support_rep_id = $1 order by customer_id',
      [Number(agent)],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(data.customers.map(({ id, phone, email }) => ({ id, phone, email }))).toEqual(
      expected.map((r) => ({ id: r.id, phone: r.phone, email: r.email })),
    );
  });

  test("the invoice list is exactly their customers' invoices, totals to the cent", async () => {
    const { data } = await ok<{ invoices: Array<{ id: string; total: string }> }>(
      '{ invoices(limit: 1000) { id total } }',
      {},
      me,
    );
    const expected = await oracle(
      'select i.invoice_id::text id, i.total from invoice i join customer c on c.customer_id = i.customer_id where c.support_rep_id = $1',
      [Number(agent)],
    );
    const sorted = (rows: Array<{ id: string; total: unknown }>) => rows.map((r) => `${r.id}:${money(r.total)}`).sort();
    expect(sorted(data.invoices)).toEqual(sorted(expected as Array<{ id: string; total: unknown }>));
  });

  test.each([
    {
      grain: 'MONTH',
      from: '2021-01',
      to: '2025-12',
      groupBy: undefined,
      period: `to_char(i.invoice_date, 'YYYY-MM')`,
      member: 'null',
    },
    {
      grain: 'YEAR',
      from: '2021',
      to: '2025',
      groupBy: 'customer.country',
      period: `extract(year from i.invoice_date)::int::text`,
      member: 'c.country',
    },
  ])(
    'revenue by $grain $groupBy equals SQL restricted to their customers',
    async ({ grain, from, to, groupBy, period, member }) => {
      const { data } = await ok<{
        indicatorValues: {
          rows: Array<{ period: string; member: { id: string } | null; cells: Array<{ value: string | null }> }>;
        };
      }>(
        `query($groupBy: String) { indicatorValues(codes: ["revenue"], from: "${from}", to: "${to}", grain: ${grain}, groupBy: $groupBy) { rows { period member { id } cells { value } } } }`,
        { groupBy },
        me,
      );
      const got = new Map(
        data.indicatorValues.rows
          .filter((r) => r.cells[0]!.value !== null && Number(r.cells[0]!.value) !== 0)
          .map((r) => [`${r.period}|${r.member?.id ?? ''}`, money(r.cells[0]!.value)]),
      );
      const rows = await oracle(
        `select ${period} p, ${member} m, sum(il.unit_price * il.quantity) v from invoice_line il join invoice i on i.invoice_id = il.invoice_id
         join customer c on c.customer_id = i.customer_id where c.support_rep_id = $1 group by 1, 2`,
        [Number(agent)],
      );
      const expected = new Map(rows.map((r) => [`${String(r.p)}|${r.m === null ? '' : String(r.m)}`, money(r.v)]));
      expect(expected.size).toBeGreaterThan(0);
      expect(got).toEqual(expected);
    },
  );

  test("another agent's customer by id is not found", async () => {
    const [other] = await oracle(
      'select customer_id::text id from customer where support_rep_id <> $1 order by customer_id limit 1',
      [Number(agent)],
    );
    const { data } = await ok<{ customer: unknown }>(
      'query($id: ID!) { customer(id: $id) { id name } }',
      { id: other!.id },
      me,
    );
    expect(data.customer).toBeNull();
  });
});

describe('who sees what of customers', () => {
  test.each([
    { who: 'general manager (1)', as: { person: '1' }, masked: false },
    { who: 'sales manager (2)', as: { person: '2' }, masked: false },
    { who: 'dashboard service key', as: undefined, masked: true },
  ])('$who: every customer, phone and e-mail masked=$masked', async ({ as, masked }) => {
    const { data } = await ok<{ customers: Array<{ id: string; phone: string | null; email: string | null }> }>(
      '{ customers(limit: 1000) { id phone email } }',
      {},
      as ?? 'chinook-dashboard-key-93c2',
    );
    const expected = await oracle('select customer_id::text id, phone, email from customer order by customer_id');
    expect(data.customers.map((c) => c.id)).toEqual(expected.map((r) => r.id));
    const withPhone = expected.filter((r) => r.phone !== null);
    for (const row of withPhone) {
      const got = data.customers.find((c) => c.id === row.id)!;
      if (masked) {
        expect(got.phone).not.toBe(row.phone);
        expect(got.email).not.toBe(row.email);
      } else {
        expect(got).toEqual({ id: row.id, phone: row.phone, email: row.email });
      }
    }
  });

  test('an employee the policy grants no role (IT staff, 7) is refused', async () => {
    const res = await hub.query('{ customers(limit: 1) { id } }', {}, { person: '7' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test.each([['99'], ['EMP-000003']])('a subject no Chinook employee has (%s) is not accepted', async (person) => {
    const res = await hub.query('{ customers(limit: 1) { id } }', {}, { person });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

test("the statement count does not grow with rows: one agent's invoices cost what all invoices cost", async () => {
  const query = '{ invoices(limit: 1000) { id total customer { id name } } }';
  const agent = await ok(query, {}, { person: '3' });
  const manager = await ok(query, {}, { person: '2' });
  expect(statementsBySource(agent.res)).toEqual(statementsBySource(manager.res));
});
