import { loadPolicy } from '../../../src/auth/policy';
import type { EngineContext } from '../../../src/engine/context';
import { Disclosure } from '../../../src/engine/disclosure';
import { ok, type Value } from '../../../src/engine/expr';
import { fetchLeaves, TOTAL, type LeafData } from '../../../src/engine/fetch';
import type { ValuesRequest } from '../../../src/engine/request';
import { requirements } from '../../../src/engine/requirements';
import { catalogOfDefinitions } from '../../../src/indicators/catalog';
import { loadDictionary } from '../../../src/indicators/load';
import { Decimal } from '../../../src/values/decimal';
import { parsePeriod } from '../../../src/values/period';
import { DEMO_MODEL } from '../../support/demo-model';
import { MemoryLog } from './memory-log';

jest.mock('../../../src/engine/fetch', () => {
  const actual = jest.requireActual<typeof import('../../../src/engine/fetch')>('../../../src/engine/fetch');
  return { ...actual, fetchLeaves: jest.fn() };
});

/**
 * Personal data in the engine (src/engine/disclosure.ts) on the demo dictionary and policy, with the
 * statements replaced by a table held here: payroll per department for June 2025 (cost and the people
 * paid). The people per department are the oracle: a cell over fewer than 5 (and more than 0) people, or a
 * difference of released cells that is, must be suppressed; the rest released.
 */
const dictionary = loadDictionary('models/demo/indicators', catalogOfDefinitions(DEMO_MODEL));
const policy = loadPolicy('models/demo/policy.yaml');
const JUNE = parsePeriod('2025-06');
const PAYROLL: Record<string, { cost: number; people: number }> = {
  D1: { cost: 120_000, people: 6 },
  D2: { cost: 35_000, people: 2 },
  D3: { cost: 90_000, people: 5 },
  D4: { cost: 0, people: 0 },
};
const REVENUE: Record<string, number> = { D1: 1000, D2: 2000 };
const fetched = fetchLeaves as jest.MockedFunction<typeof fetchLeaves>;

/** What the statements would return: per code asked, per member (or TOTAL when not grouped). */
fetched.mockImplementation(async (_ctx, needs, request) => {
  const leaves = new Map<string, LeafData>();
  for (const [code, need] of needs) {
    const def = need.indicator.def as Extract<typeof need.indicator.def, { type: 'simple' }>;
    const measure = def.measure.measure;
    const rows: Record<string, number> =
      code === 'revenue'
        ? REVENUE
        : Object.fromEntries(
            Object.entries(PAYROLL).map(([m, p]) => [m, measure === 'paidEmployees' ? p.people : p.cost]),
          );
    const wanted = request.filters.find((f) => f.dimension === 'department')?.ids;
    const kept = Object.entries(rows).filter(([m]) => !wanted || wanted.includes(m));
    const byMember = request.groupBy.length
      ? new Map(kept.map(([m, v]) => [m, Decimal.of(v)]))
      : new Map([[TOTAL, Decimal.of(kept.reduce((s, [, v]) => s + v, 0))]]);
    leaves.set(code, {
      indicator: need.indicator,
      agg: measure === 'paidEmployees' ? 'count_distinct' : 'sum',
      buckets: [...need.buckets.values()],
      values: new Map([...need.buckets.keys()].map((label) => [label, byMember])),
      members: new Set(byMember.keys()),
      source: def.measure.source,
    });
  }
  return { leaves, statements: [], failures: [] };
});

function setup(roles: string[], individuals: boolean, over: Partial<ValuesRequest> = {}, log = new MemoryLog()) {
  const suppressed: string[] = [];
  const ctx = {
    viewer: { principal: 'EMP-000267', roles, individuals, rows: 'all' },
    audit: { suppress: (c: { member: string; reason: string }) => suppressed.push(`${c.member}: ${c.reason}`) },
    runtime: {
      policy,
      model: { dimensions: { department: 'Department' } },
      config: { calendar: { fiscalYearStartMonth: 1 }, disclosure: { maxSetsPerWindow: 500 } },
      disclosure: log,
    },
  } as unknown as EngineContext;
  const request = {
    codes: ['payroll_cost', 'revenue'],
    buckets: [JUNE],
    grain: 'month',
    groupBy: [{ dimension: 'department' }],
    filters: [],
    rollup: false,
    ...over,
  } as ValuesRequest;
  return { ctx, request, suppressed, log, make: () => new Disclosure(ctx, dictionary, request) };
}

/** Fetches, decides and reads every cell of `codes` × `members` as the engine does. */
async function answer(d: Disclosure, request: ValuesRequest, members: string[], ctx: EngineContext) {
  const out = await d.fetch(requirements(dictionary, request.codes, request.buckets, { fiscalYearStartMonth: 1 }));
  const valueOf = (code: string, member: string): Value => {
    const leaf = out.leaves.get(code);
    if (!leaf || leaf.unavailable) return { value: null, reason: leaf?.unavailable ?? 'no leaf' };
    const v = leaf.values.get(JUNE.label)?.get(member);
    return v === undefined ? { value: null, reason: 'no rows' } : ok(v);
  };
  await d.decide((code, _b, member) => valueOf(code, member), members, out.leaves);
  void ctx;
  const cells: Record<string, string | null> = {};
  for (const code of request.codes)
    for (const m of members)
      cells[`${code}:${m || 'total'}`] = d.check(code, JUNE, m, (c) => valueOf(c, m)).value?.toString() ?? null;
  return { cells, out };
}

beforeEach(() => fetched.mockClear());

describe('Disclosure', () => {
  test('a role not allowed personal data: the personal fact is not even read; its cells are "not permitted", the rest computed', async () => {
    const { make, request, ctx } = setup(['sales_rep'], false);
    const d = make();
    const { cells, out } = await answer(d, request, ['D1', 'D2'], ctx);
    expect(fetched).toHaveBeenCalledTimes(1);
    expect([...fetched.mock.calls[0]![1].keys()]).toEqual(['revenue']);
    expect(out.leaves.get('payroll_cost')!.unavailable).toBe(
      'not permitted: computed from personal data (hr.payroll) your roles may not see',
    );
    // The refusal behind the cell names the fact, as a single field reports it.
    expect(out.leaves.get('payroll_cost')!.failure?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERSONAL_DATA',
      fact: 'hr.payroll',
    });
    expect(cells).toEqual({
      'payroll_cost:D1': null,
      'payroll_cost:D2': null,
      'revenue:D1': '1000',
      'revenue:D2': '2000',
    });
    const v = d.check('payroll_cost', JUNE, 'D1', () => ok(Decimal.of(1)));
    expect(v.reason).toBe(
      'not permitted: payroll_cost is computed from personal data (hr.payroll) your roles may not see',
    );
    expect(v.error?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PERSONAL_DATA', fact: 'hr.payroll' });
  });

  test('without individuals, a personal fact may be cut only by its dimension: by employee (grouped or filtered) is refused before any statement', () => {
    for (const over of [
      { groupBy: [{ dimension: 'employee' }] },
      { groupBy: [], filters: [{ dimension: 'employee', ids: ['EMP-000001'] }] },
      { groupBy: [{ dimension: 'department' }, { dimension: 'employee' }] },
    ]) {
      const { make } = setup(['finance_manager'], false, over);
      expect(make).toThrow(
        expect.objectContaining({
          message: expect.stringContaining(
            'payroll_cost cannot be cut by employee: it is computed from personal data (hr.payroll), which your roles may see only by department and over at least 5 people.',
          ),
          extensions: expect.objectContaining({
            code: 'FORBIDDEN',
            reason: 'PERSONAL_DATA_CUT',
            indicator: 'payroll_cost',
            fact: 'hr.payroll',
            dimension: 'employee',
          }),
        }),
      );
    }
    // Revenue alone is not personal: cut as one likes.
    expect(() =>
      setup(['finance_manager'], false, { codes: ['revenue'], groupBy: [{ dimension: 'employee' }] }).make(),
    ).not.toThrow();
    // With individuals: no such restriction.
    expect(() => setup(['executive'], true, { groupBy: [{ dimension: 'employee' }] }).make()).not.toThrow();
  });

  test('checked viewer, by department: departments of 5 or more people released, 1–4 suppressed (coded, audited), 0 released', async () => {
    const { make, request, ctx, suppressed, log } = setup(['finance_manager'], false);
    const { cells, out } = await answer(make(), request, ['D1', 'D2', 'D3', 'D4'], ctx);
    expect(cells).toEqual({
      'payroll_cost:D1': '120000',
      'payroll_cost:D2': null,
      'payroll_cost:D3': '90000',
      'payroll_cost:D4': '0',
      'revenue:D1': '1000',
      'revenue:D2': '2000',
      'revenue:D3': null,
      'revenue:D4': null,
    });
    expect(suppressed).toEqual([
      'D2: suppressed: it covers fewer than 5 people, alone or as a difference with values released to you before (hr.payroll, 2025-06-01 to 2025-07-01)',
    ]);
    // The population was read in the same statement as the cost, and is not part of the answer.
    expect(fetched).toHaveBeenCalledTimes(2);
    expect([...fetched.mock.calls[1]![1].keys()]).toEqual(['payroll_cost', '\u0000population:hr.payroll']);
    expect([...out.leaves.keys()].sort()).toEqual(['payroll_cost', 'revenue']);
    expect(log.entries.map((e) => e.members)).toEqual([['D1'], ['D3'], ['D4']]);
    expect(log.entries[0]!.populations).toEqual({ D1: 6 });
  });

  test('the suppressed cell says SUPPRESSED with the minimum; a cell outside the checked answer is suppressed too', async () => {
    const { make, request, ctx } = setup(['finance_manager'], false);
    const d = make();
    await answer(d, request, ['D1', 'D2'], ctx);
    const v = d.check('payroll_cost', JUNE, 'D2', () => ok(Decimal.of(35_000)));
    expect(v).toMatchObject({ value: null, error: { extensions: { code: 'SUPPRESSED', minimumGroupSize: 5 } } });
    const unasked = d.check('payroll_cost', JUNE, 'D9', () => ok(Decimal.of(1)));
    expect(unasked.reason).toBe('suppressed: payroll_cost was not part of the checked answer');
    // A null value stays null with its own reason.
    expect(d.check('payroll_cost', JUNE, 'D9', () => ({ value: null, reason: 'no rows' })).reason).toBe('no rows');
  });

  test('ungrouped total: read grouped by the dimension for the check, summed in the hub; then the differencing member is refused', async () => {
    const log = new MemoryLog();
    const total = setup(
      ['finance_manager'],
      false,
      { codes: ['payroll_cost'], groupBy: [], filters: [{ dimension: 'department', ids: ['D1', 'D2'] }] },
      log,
    );
    const first = await answer(total.make(), total.request, [TOTAL], total.ctx);
    expect(first.cells).toEqual({ 'payroll_cost:total': '155000' });
    expect(fetched.mock.calls[1]![2].groupBy).toEqual([{ dimension: 'department' }]);
    expect(first.out.leaves.get('payroll_cost')!.members).toEqual(new Set([TOTAL]));
    expect(log.entries.map((e) => e.members)).toEqual([['D1', 'D2']]);
    // {D1, D2} released (8 people); {D1} alone (6) would give D2's 2 people by difference: refused.
    const single = setup(
      ['finance_manager'],
      false,
      {
        codes: ['payroll_cost'],
        groupBy: [{ dimension: 'department' }],
        filters: [{ dimension: 'department', ids: ['D1'] }],
      },
      log,
    );
    const second = await answer(single.make(), single.request, ['D1'], single.ctx);
    expect(second.cells).toEqual({ 'payroll_cost:D1': null });
    expect(single.suppressed[0]).toMatch(/alone or as a difference/);
  });

  test('ungrouped total over every member in scope: the statement is grouped by the fact dimension for the check', async () => {
    const t = setup(['finance_manager'], false, { codes: ['payroll_cost'], groupBy: [] });
    const { cells } = await answer(t.make(), t.request, [TOTAL], t.ctx);
    expect(cells).toEqual({ 'payroll_cost:total': '245000' });
    expect(fetched.mock.calls[1]![2].groupBy).toEqual([{ dimension: 'department' }]);
    expect(t.log.entries.map((e) => e.members)).toEqual([['D1', 'D2', 'D3', 'D4']]);
  });

  test('a member without a value is neither decided nor logged: the log holds only what was shown', async () => {
    const { make, request, ctx, log } = setup(['finance_manager'], false, { codes: ['payroll_cost'] });
    const { cells } = await answer(make(), request, ['D1', 'D9'], ctx);
    expect(cells).toEqual({ 'payroll_cost:D1': '120000', 'payroll_cost:D9': null });
    expect(log.entries.map((e) => e.members)).toEqual([['D1']]);
  });

  test('larger sets are decided first: a parent and its child that would difference each other — the parent is shown, the child suppressed', async () => {
    // P rolls up D1 and D2 (6 + 2 people). Shown both, P − D1 would give D2's 2 people: one must go, and
    // it is the smaller set whatever order the members come in.
    for (const members of [
      ['D1', 'P'],
      ['P', 'D1'],
    ]) {
      const { make, request, suppressed } = setup(['finance_manager'], false, { codes: ['payroll_cost'] });
      const d = make();
      const out = await d.fetch(requirements(dictionary, request.codes, request.buckets, { fiscalYearStartMonth: 1 }));
      const leaf = out.leaves.get('payroll_cost')!;
      const values = leaf.values.get(JUNE.label)!;
      values.set('P', values.get('D1')!.add(values.get('D2')!));
      const withParts = { ...leaf, parts: new Map([['P', ['D1', 'D2']]]) };
      const leaves = new Map([...out.leaves, ['payroll_cost', withParts]]);
      const valueOf = (m: string): Value => ok(values.get(m)!);
      await d.decide((_c, _b, m) => valueOf(m), members, leaves);
      expect(d.check('payroll_cost', JUNE, 'P', () => valueOf('P')).value?.toString()).toBe('155000');
      expect(d.check('payroll_cost', JUNE, 'D1', () => valueOf('D1')).value).toBeNull();
      expect(suppressed).toEqual([expect.stringMatching(/^D1: suppressed: .*alone or as a difference/)]);
    }
  });

  test('a viewer with individuals: one plain read, nothing decided or logged, small groups shown', async () => {
    const { make, request, ctx, log, suppressed } = setup(['executive'], true);
    const { cells } = await answer(make(), request, ['D1', 'D2'], ctx);
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(cells['payroll_cost:D2']).toBe('35000');
    expect(log.calls).toBe(0);
    expect(suppressed).toEqual([]);
  });
});
