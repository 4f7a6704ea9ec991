import type { Dictionary } from '../../src/indicators/dictionary';
import { Decimal } from '../../src/values/decimal';
import type { EmbeddedEngine } from '../../src/db/embedded';
import { DirectSql, hubId } from '../support/direct-sql';
import { ALL_EMBEDDED, ALL_MYSQL, ALL_POSTGRES, openEmbeddedCopy, type Layout } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import {
  bucketOfLabel,
  bucketAt,
  display,
  loadMeasures,
  Reference,
  TOTAL,
  type Expected,
  type Grain,
} from '../support/indicator-oracle';

/**
 * Every indicator of the dictionary — whatever ctx.runtime.dictionary holds — asked for in ONE request
 * through the real HTTP hub, per layout × grain × grouping, and every cell compared with an expected value
 * computed independently: hand-written SQL run directly on the sources, summed exactly in JS, derived
 * indicators by a reference evaluator of the documented semantics (test/support/indicator-oracle.ts).
 */
const VALUES = /* GraphQL */ `
  query Values($codes: [String!]!, $from: String!, $to: String!, $grain: Grain!, $groupBy: String, $rollup: Boolean) {
    indicatorValues(codes: $codes, from: $from, to: $to, grain: $grain, groupBy: $groupBy, rollup: $rollup) {
      periods {
        label
        from
        to
      }
      rows {
        period
        member {
          id
        }
        cells {
          code
          value
          reason
        }
      }
    }
  }
`;

interface Cell {
  code: string;
  value: string | null;
  reason: string | null;
}
interface Table {
  periods: Array<{ label: string; from: string; to: string }>;
  rows: Array<{ period: string; member: { id: string } | null; cells: Cell[] }>;
}
interface Run {
  grain: 'MONTH' | 'QUARTER';
  from: string;
  to: string;
}

const MONTHS: Run = { grain: 'MONTH', from: '2025-01', to: '2025-06' };
const QUARTERS: Run = { grain: 'QUARTER', from: '2024-Q3', to: '2025-Q4' };
const CASES = [MONTHS, QUARTERS].flatMap((run) => [null, 'department'].map((groupBy) => ({ ...run, groupBy })));

describe.each<[string, Layout]>([
  ['embedded', ALL_EMBEDDED],
  ['PostgreSQL', ALL_POSTGRES],
  ['MariaDB', ALL_MYSQL],
])('every indicator of the dictionary, %s sources', (_name, layout) => {
  let hub: TestHub;
  let direct: DirectSql;
  let embeddedCopy: { engine: EmbeddedEngine; dispose(): Promise<void> } | undefined;
  let dict: Dictionary;
  let reference: Reference;
  let missing: string[];
  /** Department hub id → parent hub id (null at the top), from hr.org_unit. */
  let parents: Map<string, string | null>;
  /** Fingerprint of the batched lookup of department names (HR): what showing members costs, nothing else. */
  let nameLookup: string | undefined;

  beforeAll(async () => {
    hub = await startTestHub(layout);
    if (Object.values(layout).includes('embedded')) embeddedCopy = await openEmbeddedCopy();
    direct = new DirectSql(layout, embeddedCopy?.engine);
    dict = hub.runtime.dictionary;
    const measured = await loadMeasures(direct, dict);
    missing = measured.missing;
    reference = new Reference(dict, measured.series);
    const toId = (k: unknown) => (k === null ? null : hubId('Department', 'hr', String(k)));
    parents = new Map(
      (await direct.rows('hr', 'select org_id as k, parent_org_id as p from {s}.org_unit')).map((r) => [
        toId(r.k)!,
        toId(r.p),
      ]),
    );
    const probe = await hub.query(`{ department(id: "${[...parents.keys()][0]}") { name } }`);
    nameLookup = probe.extensions?.trace?.bySource.hr?.fingerprints[0];
  });
  afterAll(async () => {
    await direct?.close();
    await embeddedCopy?.dispose();
    await hub?.dispose();
  });

  const values = async (codes: string[], run: Run, groupBy: string | null, rollup = false) => {
    const res = await hub.query<{ indicatorValues: Table }>(VALUES, { codes, ...run, groupBy, rollup });
    expect(res.errors).toBeUndefined();
    return { table: res.data!.indicatorValues, trace: res.extensions?.trace };
  };

  test('the oracle has hand-written SQL for the measure of every simple indicator', () => {
    expect(hub.runtime.config.calendar.fiscalYearStartMonth).toBe(1); // the reference evaluator's calendar
    expect(missing).toEqual([]);
  });

  test.each(CASES)(
    '$grain $from…$to, groupBy $groupBy: every cell equals the oracle, one statement per (source, fact)',
    async (c) => {
      const codes = dict.all().map((i) => i.def.code);
      const { table, trace } = await values(codes, c, c.groupBy);

      const grain = c.grain.toLowerCase() as Grain;
      const first = bucketOfLabel(grain, c.from);
      const buckets = Array.from({ length: bucketOfLabel(grain, c.to).i - first.i + 1 }, (_, n) =>
        bucketAt(grain, first.i + n),
      );
      expect(table.periods).toEqual(buckets.map(({ label, from, to }) => ({ label, from, to })));
      // One row per period × member: every department (all have data), or the company total.
      const members = c.groupBy ? [...parents.keys()].sort() : [TOTAL];
      const rowKeys = (keys: string[]) => [...keys].sort();
      expect(rowKeys(table.rows.map((r) => `${r.period} ${r.member?.id ?? TOTAL}`))).toEqual(
        rowKeys(buckets.flatMap((b) => members.map((m) => `${b.label} ${m}`))),
      );

      const mismatches: string[] = [];
      const valued = new Set<string>();
      let compared = 0;
      let noCounterpart = 0;
      for (const row of table.rows) {
        expect(row.cells.map((x) => x.code)).toEqual(codes);
        const bucket = bucketOfLabel(grain, row.period);
        for (const cell of row.cells) {
          const member = row.member?.id ?? TOTAL;
          const problem = compare(reference.value(cell.code, bucket, member), cell, dict.get(cell.code)!.def.unit);
          if (problem) mismatches.push(`${cell.code} ${row.period} ${member || 'total'}: ${problem}`);
          if (cell.value !== null) valued.add(cell.code);
          if (cell.reason?.includes('no counterpart')) noCounterpart++;
          compared++;
        }
      }
      expect(compared).toBe(codes.length * buckets.length * members.length);
      expect({ mismatches: mismatches.length, first20: mismatches.slice(0, 20) }).toEqual({
        mismatches: 0,
        first20: [],
      });
      // Not vacuous: every indicator has values here, and departments without a counterpart were met.
      expect(codes.filter((code) => !valued.has(code))).toEqual([]);
      if (c.groupBy) expect(noCounterpart).toBeGreaterThan(0);

      // At most one statement per (source, fact) the dictionary uses, whatever the grain and grouping; showing
      // the departments adds one batched lookup of their names (HR), nothing more.
      expect(nameLookup).toEqual(expect.any(String));
      const fingerprints = Object.entries(trace?.bySource ?? {}).flatMap(([source, s]) =>
        s.fingerprints.map((f) => ({ source, f })),
      );
      const names = c.groupBy ? fingerprints.findIndex((x) => x.source === 'hr' && x.f === nameLookup) : -1;
      const statements: Record<string, number> = {};
      for (const [n, { source }] of fingerprints.entries())
        if (n !== names) statements[source] = (statements[source] ?? 0) + 1;
      expect(overBudget(statements, budgetOf(dict))).toEqual([]);
    },
  );

  test('rollup: each department equals the sum of its subtree, for every additive indicator', async () => {
    const codes = dict
      .all()
      .filter((i) => i.def.additivity !== 'non_additive')
      .map((i) => i.def.code);
    expect(codes).toEqual(expect.arrayContaining(['revenue', 'headcount', 'payroll_cost']));
    const flat = cellsOf((await values(codes, MONTHS, 'department')).table);
    const { table } = await values(codes, MONTHS, 'department', true);
    const subtree = (id: string): string[] => [
      id,
      ...[...parents].filter(([, p]) => p === id).flatMap(([child]) => subtree(child)),
    ];
    const mismatches: string[] = [];
    for (const [key, cell] of cellsOf(table)) {
      const [code, period, member] = key.split('|') as [string, string, string];
      const parts = subtree(member).map((m) => flat.get(`${code}|${period}|${m}`)!.value);
      const known = parts.filter((v): v is string => v !== null);
      // A subtree without any counterpart in the source (a division without sales teams: revenue) stays null.
      const expected = known.length ? sum(known) : null;
      const reasonOk = expected !== null || cell.reason?.includes('no counterpart');
      if (cell.value !== expected || !reasonOk) {
        mismatches.push(
          `${key}: expected ${expected ?? 'null (no counterpart)'} from ${known.length}/${parts.length} parts, got ${cell.value ?? `null (${cell.reason})`}`,
        );
      }
    }
    expect(cellsOf(table).size).toBe(flat.size);
    expect({ mismatches: mismatches.length, first20: mismatches.slice(0, 20) }).toEqual({ mismatches: 0, first20: [] });
  });

  test('department.region: revenue of each region equals the sum of its sales teams', async () => {
    const regionOf = new Map(
      (await direct.rows('crm', 'select team_code as k, region as r from {s}.sales_team')).map((r) => [
        hubId('Department', 'crm', String(r.k)),
        String(r.r),
      ]),
    );
    const flat = cellsOf((await values(['revenue'], MONTHS, 'department')).table);
    const expected = new Map<string, string[]>();
    for (const [key, cell] of flat) {
      const [, period, member] = key.split('|') as [string, string, string];
      const region = regionOf.get(member);
      if (region)
        expected.set(`revenue|${period}|${region}`, [
          ...(expected.get(`revenue|${period}|${region}`) ?? []),
          cell.value!,
        ]);
      else expect({ key, value: cell.value }).toEqual({ key, value: null }); // not a sales team: no counterpart in the CRM
    }
    const got = cellsOf((await values(['revenue'], MONTHS, 'department.region')).table);
    expect(new Map([...got].map(([k, c]) => [k, c.value]))).toEqual(
      new Map([...expected].map(([k, parts]) => [k, sum(parts)])),
    );
    expect(new Set(regionOf.values()).size).toBeGreaterThan(1);
  });
});

/** Why `got` differs from the expected value displayed by unit, or undefined when it does not. */
function compare(expected: Expected, got: Cell, unit: string): string | undefined {
  if (expected.value !== null) {
    const want = display(expected.value, unit);
    return got.value === want ? undefined : `expected ${want}, got ${got.value ?? `null (${got.reason})`}`;
  }
  if (got.value !== null) return `expected null (${expected.reason}), got ${got.value}`;
  if (!got.reason) return 'null without a reason';
  if (expected.reason.includes('no counterpart') && !got.reason.includes('no counterpart')) {
    return `expected null for no counterpart, got null because "${got.reason}"`;
  }
  return undefined;
}

/** code|period|member → cell */
function cellsOf(table: Table): Map<string, Cell> {
  return new Map(
    table.rows.flatMap((r) => r.cells.map((c) => [`${c.code}|${r.period}|${r.member?.id ?? TOTAL}`, c] as const)),
  );
}

/** Exact sum of displayed values (money with two places, counts whole), kept at their number of places. */
function sum(values: string[]): string {
  const places = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  return values.reduce((s, v) => s.add(Decimal.of(v)), Decimal.ZERO).toFixed(places);
}

/** Statements allowed per source: the distinct (source, fact) pairs of the dictionary's simple indicators. */
function budgetOf(dict: Dictionary): Record<string, number> {
  const facts = new Set(
    dict.all().flatMap(({ def }) => (def.type === 'simple' ? [`${def.measure.source}.${def.measure.fact}`] : [])),
  );
  const budget: Record<string, number> = {};
  for (const f of facts) budget[f.split('.')[0]!] = (budget[f.split('.')[0]!] ?? 0) + 1;
  return budget;
}

function overBudget(statements: Record<string, number>, budget: Record<string, number>): string[] {
  return Object.entries(statements)
    .filter(([source, n]) => n > (budget[source] ?? 0))
    .map(([source, n]) => `${source}: ${n} statements, budget ${budget[source] ?? 0} (one per fact)`);
}
