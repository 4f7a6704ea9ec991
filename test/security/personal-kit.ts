import { DirectSql, hubId } from '../support/direct-sql';
import { toMoney } from '../../src/values/decimal';
import type { GraphQLResponse, TestHub } from '../support/hub-client';

/** Shared by the personal-data security suites: HR payroll by direct SQL, and indicator tables from the hub. */
export const PROCUREMENT_OFFICER = 'EMP-000335';
export const FINANCE_MANAGER = 'EMP-000267';
export const EXECUTIVE = 'EMP-000001';
export const MINIMUM = 5;

export interface Cell {
  value: string | null;
  reason: string | null;
}
type Values = {
  indicatorValues: {
    statements: Array<{ source: string; fact: string }>;
    rows: Array<{ period: string; member: { id: string } | null; cells: Array<Cell & { code: string }> }>;
  };
};

export function monthWindow(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

/** Per department (hub id) in a month: payroll cost, gross pay and distinct employees paid, by direct SQL. */
export async function payrollByDepartment(direct: DirectSql, month: string) {
  const rows = await direct.rows(
    'hr',
    'select org_id as k, sum(total_cost) as cost, sum(gross_pay) as gross, count(distinct emp_no) as people from {s}.payroll where pay_date >= ? and pay_date < ? group by org_id',
    monthWindow(month),
  );
  return new Map(
    rows.map((r) => [
      hubId('Department', 'hr', String(r.k)),
      { cost: toMoney(String(r.cost)), gross: toMoney(String(r.gross)), people: Number(r.people) },
    ]),
  );
}

/** Department hub id → parent hub id (HR org tree). */
export async function orgTree(direct: DirectSql): Promise<Map<string, string | null>> {
  const rows = await direct.rows('hr', 'select org_id, parent_org_id from {s}.org_unit');
  return new Map(
    rows.map((r) => [
      hubId('Department', 'hr', String(r.org_id)),
      r.parent_org_id === null ? null : hubId('Department', 'hr', String(r.parent_org_id)),
    ]),
  );
}

/** indicatorValues for one month: member id ('' for the total) → code → cell. */
export async function cells(
  hub: TestHub,
  as: string,
  args: string,
): Promise<{ res: GraphQLResponse<Values>; byMember: Map<string, Map<string, Cell>> }> {
  const res = await hub.query<Values>(
    `{ indicatorValues(${args}) { statements { source fact } rows { period member { id } cells { code value reason } } } }`,
    {},
    as,
  );
  const byMember = new Map<string, Map<string, Cell>>();
  for (const row of res.data?.indicatorValues?.rows ?? []) {
    byMember.set(row.member?.id ?? '', new Map(row.cells.map((c) => [c.code, { value: c.value, reason: c.reason }])));
  }
  return { res, byMember };
}

/**
 * The guarantee, checked independently: partition the departments by which released sets they belong to;
 * every part must hold no one or at least MINIMUM people (else a sum/difference of released cells covers
 * 1…MINIMUM−1 people).
 */
export function smallestAtom(
  released: ReadonlyArray<ReadonlySet<string>>,
  people: ReadonlyMap<string, number>,
): number | null {
  const parts = new Map<string, number>();
  const members = new Set(released.flatMap((s) => [...s]));
  for (const m of members) {
    const signature = released.map((s) => (s.has(m) ? '1' : '0')).join('');
    parts.set(signature, (parts.get(signature) ?? 0) + (people.get(m) ?? 0));
  }
  const small = [...parts.values()].filter((n) => n > 0 && n < MINIMUM);
  return small.length > 0 ? Math.min(...small) : null;
}
