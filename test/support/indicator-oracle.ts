import type { Dictionary } from '../../src/indicators/dictionary';
import type { Expr } from '../../src/indicators/formula';
import { Decimal } from '../../src/values/decimal';
import { demoKeyMap } from '../../models/demo/generator/keymap';
import type { SourceName } from './demo-model';
import { hubId, type DirectSql } from './direct-sql';
import { testCompany } from './engines';

/**
 * The oracle of the indicator correctness test: raw rows fetched with hand-written SQL on the native
 * tables, bucketed and summed exactly in JS, and a small reference evaluator written from the documented
 * semantics of the definitions (src/indicators/definition.ts). It shares nothing with src/engine or the
 * source mappings; it reads the dictionary only for what each indicator is defined as.
 */

/**
 * One statement per source measure (`source.fact.measure`) returning RAW rows: t = the date that places the
 * row in time ('YYYY-MM-DD'), k = the native department key, v = the amount (1 for counts, the item for
 * distinct counts). Filters of the measure are written here in SQL. `{s}` is the schema / database.
 */
export const RAW_SQL: Record<string, { sql: string; distinct?: true }> = {
  'crm.orders.revenue': { sql: 'select order_date as t, team_code as k, amount as v from {s}.sales_order' },
  'crm.orders.orderCount': { sql: 'select order_date as t, team_code as k, 1 as v from {s}.sales_order' },
  'crm.orders.orderingCustomers': {
    sql: 'select order_date as t, team_code as k, account_id as v from {s}.sales_order',
    distinct: true,
  },
  'crm.contracts.contractValue': { sql: 'select signed_date as t, team_code as k, total_value as v from {s}.contract' },
  'crm.contracts.contractCount': { sql: 'select signed_date as t, team_code as k, 1 as v from {s}.contract' },
  'crm.payments.cashCollected': { sql: 'select received_date as t, team_code as k, amount as v from {s}.payment' },
  'crm.accounts.newCustomers': { sql: 'select created_at as t, owner_team_code as k, 1 as v from {s}.account' },
  'erp.expense.actualExpense': { sql: 'select posting_date as t, cc_code as k, amount as v from {s}.gl_entry' },
  'erp.expense.rndExpense': {
    sql: "select posting_date as t, cc_code as k, amount as v from {s}.gl_entry where acct_code = '5301'",
  },
  // fiscal_period is CHAR(6) 'YYYYMM': the month's budget belongs to its first day.
  'erp.budget.budget': {
    sql: "select concat(substr(fiscal_period, 1, 4), '-', substr(fiscal_period, 5, 2), '-01') as t, cc_code as k, amount as v from {s}.budget",
  },
  'erp.invoice.invoicedRevenue': { sql: 'select inv_date as t, cc_code as k, amount as v from {s}.invoice' },
  'erp.invoice.cogs': { sql: 'select inv_date as t, cc_code as k, cogs_amount as v from {s}.invoice' },
  'erp.invoice.invoiceCount': { sql: 'select inv_date as t, cc_code as k, 1 as v from {s}.invoice' },
  'erp.receipt.cashReceived': { sql: 'select receipt_date as t, cc_code as k, amount as v from {s}.receipt' },
  'hr.hires.hires': { sql: 'select hire_date as t, org_id as k, 1 as v from {s}.employee' },
  'hr.departures.departures': {
    sql: 'select leave_date as t, org_id as k, 1 as v from {s}.employee where leave_date is not null',
  },
  'hr.payroll.payrollCost': { sql: 'select pay_date as t, org_id as k, total_cost as v from {s}.payroll' },
  'hr.payroll.grossPay': { sql: 'select pay_date as t, org_id as k, gross_pay as v from {s}.payroll' },
  'hr.payroll.paidEmployees': {
    sql: 'select pay_date as t, org_id as k, emp_no as v from {s}.payroll',
    distinct: true,
  },
  'procurement.purchases.procurementSpend': {
    sql: "select po_date as t, cost_center as k, total_amount as v from {s}.purchase_order where status <> 'CANCELLED'",
  },
  'procurement.purchases.poCount': {
    sql: "select po_date as t, cost_center as k, 1 as v from {s}.purchase_order where status <> 'CANCELLED'",
  },
  'procurement.purchases.listValue': {
    sql: "select po_date as t, cost_center as k, list_amount as v from {s}.purchase_order where status <> 'CANCELLED'",
  },
  'procurement.deliveries.deliveries': {
    sql: 'select promised_date as t, cost_center as k, 1 as v from {s}.delivery where actual_date is not null',
  },
  'procurement.deliveries.onTimeDeliveries': {
    sql: 'select promised_date as t, cost_center as k, 1 as v from {s}.delivery where actual_date is not null and on_time = 1',
  },
};

/** The company total's member id; otherwise members are department hub ids. */
export const TOTAL = '';

// ---- exact rationals ----------------------------------------------------------------------------

/** n / d with d > 0, in BigInt: no rounding anywhere until the value is displayed. */
export class Q {
  constructor(
    readonly n: bigint,
    readonly d: bigint = 1n,
  ) {}
  static of(x: Decimal | bigint | number): Q {
    if (x instanceof Decimal) return new Q(x.units, 10n ** BigInt(x.scale));
    return new Q(BigInt(x));
  }
  add = (o: Q) => (this.d === o.d ? new Q(this.n + o.n, this.d) : new Q(this.n * o.d + o.n * this.d, this.d * o.d));
  sub = (o: Q) => this.add(new Q(-o.n, o.d));
  mul = (o: Q) => new Q(this.n * o.n, this.d * o.d);
  div = (o: Q) => (o.n < 0n ? new Q(-this.n * o.d, -o.n * this.d) : new Q(this.n * o.d, o.n * this.d));
  abs = () => new Q(this.n < 0n ? -this.n : this.n, this.d);
  isZero = () => this.n === 0n;
  /** Rounded half away from zero to `places`. */
  toFixed(places: number): string {
    const x = this.n * 10n ** BigInt(places);
    const units = ((x < 0n ? -x : x) * 2n + this.d) / (2n * this.d);
    const digits = units.toString().padStart(places + 1, '0');
    const body = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
    return units !== 0n && x < 0n ? `-${body}` : body;
  }
}

const PLACES: Record<string, number> = { CNY: 2, count: 0, percent: 2, days: 1, ratio: 4, CNY_per_person: 2 };

/** As the API displays a value of `unit`: CNY 2, count 0 (2 if not whole), percent 2, days 1, ratio 4, CNY_per_person 2. */
export function display(q: Q, unit: string): string {
  if (unit === 'count' && q.toFixed(2) !== `${q.toFixed(0)}.00`) return q.toFixed(2);
  return q.toFixed(PLACES[unit] ?? 4);
}

// ---- calendar buckets (calendar year, fiscalYearStartMonth = 1) -------------------------------------

export type Grain = 'month' | 'quarter';
export interface Bucket {
  grain: Grain;
  /** Months since year 0 (month grain) or quarters since year 0 (quarter grain). */
  i: number;
  label: string;
  from: string;
  to: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthKey = (m: number) => `${Math.floor(m / 12)}-${pad2((m % 12) + 1)}`;
const SPAN: Record<Grain, number> = { month: 1, quarter: 3 };

export function bucketAt(grain: Grain, i: number): Bucket {
  const first = i * SPAN[grain];
  const y = Math.floor(first / 12);
  const label = grain === 'month' ? monthKey(first) : `${y}-Q${(i % 4) + 1}`;
  return { grain, i, label, from: `${monthKey(first)}-01`, to: `${monthKey(first + SPAN[grain])}-01` };
}

/** "2025-01" (month) or "2024-Q3" (quarter) → that bucket. */
export function bucketOfLabel(grain: Grain, label: string): Bucket {
  const [y, rest] = label.split(grain === 'month' ? '-' : '-Q').map(Number) as [number, number];
  return bucketAt(grain, grain === 'month' ? y * 12 + rest - 1 : y * 4 + rest - 1);
}

const daysOf = (b: Bucket) => (Date.parse(`${b.to}T00:00:00Z`) - Date.parse(`${b.from}T00:00:00Z`)) / 86_400_000;

// ---- raw measures -------------------------------------------------------------------------------

/** member → month 'YYYY-MM' → exact sum, or the distinct items seen. */
type Series = Map<string, Map<string, Decimal | Set<string>>>;

/** Fetches the raw rows of every simple measure the dictionary uses (once), bucketed by month. */
export async function loadMeasures(
  direct: DirectSql,
  dict: Dictionary,
): Promise<{ series: Map<string, Series>; missing: string[] }> {
  const series = new Map<string, Series>();
  const missing: string[] = [];
  for (const { def } of dict.all()) {
    if (def.type !== 'simple') continue;
    const ref = `${def.measure.source}.${def.measure.fact}.${def.measure.measure}`;
    const raw = RAW_SQL[ref];
    if (!raw) missing.push(`${def.code} (${ref})`);
    if (!raw || series.has(ref)) continue;
    const s: Series = new Map();
    for (const r of await direct.rows(def.measure.source as SourceName, raw.sql)) {
      if (!/^\d{4}-\d{2}-\d{2}/.test(String(r.t)))
        throw new Error(`${ref}: t must be a 'YYYY-MM-DD' date, got ${String(r.t)}`);
      const month = String(r.t).slice(0, 7);
      for (const member of [TOTAL, hubId('Department', def.measure.source, String(r.k))]) {
        const byMonth = s.get(member) ?? s.set(member, new Map()).get(member)!;
        const acc = byMonth.get(month) ?? (raw.distinct ? new Set<string>() : Decimal.ZERO);
        byMonth.set(month, acc instanceof Set ? acc.add(String(r.v)) : acc.add(Decimal.of(String(r.v))));
      }
    }
    series.set(ref, s);
  }
  return { series, missing };
}

/** Department hub ids that have a key in `source` (the demo key map: the seed's own crosswalk). */
export function departmentsIn(source: string): Set<string> {
  return new Set(
    demoKeyMap(testCompany())
      .filter((r) => r.entity === 'Department' && r.source === source)
      .map((r) => r.hubId),
  );
}

// ---- the reference evaluator --------------------------------------------------------------------

export type Expected = { value: Q; reason?: undefined } | { value: null; reason: string };
const ok = (value: Q): Expected => ({ value });
const none = (reason: string): Expected => ({ value: null, reason });
/** The first null among values, preferring a missing counterpart (the more fundamental reason). */
const firstNull = (...vs: Expected[]) =>
  vs.find((v) => v.value === null && v.reason.includes('no counterpart')) ?? vs.find((v) => v.value === null);

/** A time window [from, to) in months 'YYYY-MM' ('' = since the first record); days() exists only for buckets. */
interface Window {
  from: string;
  to: string;
  bucket?: Bucket;
}

/** Every indicator of `dict` for any bucket and member, from the measured series, per the documented semantics. */
export class Reference {
  private readonly memo = new Map<string, Expected>();
  private readonly keys = new Map<string, Set<string>>();

  constructor(
    private readonly dict: Dictionary,
    private readonly series: Map<string, Series>,
  ) {}

  value(code: string, bucket: Bucket, member: string): Expected {
    return this.at(code, { from: bucket.from.slice(0, 7), to: bucket.to.slice(0, 7), bucket }, member);
  }

  private at(code: string, w: Window, member: string): Expected {
    const key = `${code}|${w.from}|${w.to}|${member}`;
    let v = this.memo.get(key);
    if (!v) this.memo.set(key, (v = this.compute(code, w, member)));
    return v;
  }

  private compute(code: string, w: Window, member: string): Expected {
    const indicator = this.dict.get(code)!;
    const def = indicator.def;
    switch (def.type) {
      case 'simple': {
        const { source, fact, measure } = def.measure;
        const keys = this.keys.get(source) ?? this.keys.set(source, departmentsIn(source)).get(source)!;
        if (member !== TOTAL && !keys.has(member)) return none(`${member} has no counterpart in ${source}`);
        const series = this.series.get(`${source}.${fact}.${measure}`);
        if (!series) return none(`no oracle SQL for ${source}.${fact}.${measure}`);
        const accs = [...(series.get(member) ?? [])]
          .filter(([month]) => month >= w.from && month < w.to)
          .map(([, acc]) => acc);
        if (RAW_SQL[`${source}.${fact}.${measure}`]!.distinct)
          return ok(Q.of(new Set(accs.flatMap((a) => [...(a as Set<string>)])).size));
        return ok(Q.of(accs.reduce<Decimal>((s, a) => s.add(a as Decimal), Decimal.ZERO)));
      }
      case 'ratio': {
        const n = this.at(def.numerator, w, member);
        const d = this.at(def.denominator, w, member);
        const missing = firstNull(n, d);
        if (missing) return missing;
        if (d.value!.isZero()) return none(`${def.denominator} is zero`);
        return ok(n.value!.div(d.value!).mul(Q.of(Decimal.of(String(def.scale)))));
      }
      case 'formula':
        return this.expr(indicator.formula!, w, member);
      case 'cumulative': {
        if (def.window === 'to_date') return this.at(def.base, { from: '', to: w.to }, member);
        const b = w.bucket;
        if (!b) return none(`${def.window} outside a period`);
        const perYear = b.grain === 'month' ? 12 : 4;
        const first =
          def.window === 'rolling'
            ? b.i - (def.periods! - 1)
            : def.window === 'ytd'
              ? b.i - (b.i % perYear)
              : b.grain === 'month'
                ? b.i - (b.i % 3)
                : b.i;
        const parts: Expected[] = [];
        for (let i = first; i <= b.i; i++) parts.push(this.value(def.base, bucketAt(b.grain, i), member));
        return firstNull(...parts) ?? ok(parts.reduce((s, p) => s.add(p.value!), Q.of(0)));
      }
      case 'period_over_period': {
        const b = w.bucket;
        if (!b) return none('period over period outside a period');
        const other = bucketAt(b.grain, b.i - (def.compare === 'previous' ? 1 : b.grain === 'month' ? 12 : 4));
        const cur = this.value(def.base, b, member);
        const prev = this.value(def.base, other, member);
        const missing = firstNull(cur, prev);
        if (missing) return missing;
        const diff = cur.value!.sub(prev.value!);
        if (def.as === 'difference') return ok(diff);
        if (prev.value!.isZero()) return none(`${def.base} was zero in ${other.label}`);
        const growth = diff.div(prev.value!.abs());
        return ok(def.unit === 'percent' ? growth.mul(Q.of(100)) : growth);
      }
    }
  }

  private expr(e: Expr, w: Window, member: string): Expected {
    switch (e.kind) {
      case 'number':
        return ok(Q.of(Decimal.of(e.value)));
      case 'days':
        return w.bucket ? ok(Q.of(daysOf(w.bucket))) : none('days() outside a period');
      case 'ref':
        return this.at(e.code, w, member);
      case 'neg': {
        const v = this.expr(e.operand, w, member);
        return v.value === null ? v : ok(Q.of(0).sub(v.value));
      }
      case 'binary': {
        const l = this.expr(e.left, w, member);
        const r = this.expr(e.right, w, member);
        const missing = firstNull(l, r);
        if (missing) return missing;
        if (e.op === '/' && r.value!.isZero()) return none('division by zero');
        const ops = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const;
        return ok(l.value![ops[e.op]](r.value!));
      }
    }
  }
}
