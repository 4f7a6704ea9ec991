import type { EngineContext } from './context';
import type { Indicator } from '../indicators/dictionary';
import { formulaRefs, type Expr } from '../indicators/formula';
import { daysIn } from '../values/buckets';
import { Decimal } from '../values/decimal';
import type { Period } from '../values/period';
import { evaluateExpr, none, ok, type Value } from './expr';
import { TOTAL } from './fetch';
import { computeValues } from './index';
import { organisationDimension } from '../model/member-dimension';
import { badInput } from '../errors';

/**
 * 指标分解: an indicator's change between two periods, attributed to its drivers. A driver is an input of
 * its formula or ratio, or a declared driver (revenue = order_count × average_deal_size). The attribution
 * is the Shapley decomposition: each driver's contribution is its average marginal effect over every order
 * in which the drivers could move from the base period to the current one. It is exact (contributions add
 * up to the change), symmetric, and works for any formula, zeros and negatives included.
 */
export interface DecompositionNode {
  code: string;
  indicator: Indicator | null;
  label: string;
  value: Value;
  base: Value;
  change: Value;
  /** Share of the parent's change (null at the root). */
  contribution: Value | null;
  method: string | null;
  /** Parent's change not explained by the drivers (rounding of declared identities); zero for formulas. */
  residual: Value | null;
  drivers: DecompositionNode[];
}

const DAYS = '(days)';

interface Drivers {
  codes: string[];
  method: string;
  combine(values: ReadonlyMap<string, Decimal>): Value;
}

export function driversOf(indicator: Indicator): Drivers | null {
  const def = indicator.def;
  if (def.drivers) {
    const codes = def.drivers.of;
    return {
      codes,
      method: `shapley over declared ${def.drivers.method} of ${codes.join(', ')}`,
      combine: (v) =>
        ok(
          codes.map((c) => v.get(c)!).reduce((acc, x) => (def.drivers!.method === 'product' ? acc.mul(x) : acc.add(x))),
        ),
    };
  }
  if (def.type === 'ratio') {
    return {
      codes: [def.numerator, def.denominator],
      method: `shapley over ${def.numerator} / ${def.denominator}`,
      combine: (v) => {
        const d = v.get(def.denominator)!;
        return d.isZero()
          ? none(`division by zero: ${def.denominator} is 0`)
          : ok(v.get(def.numerator)!.div(d, 8)!.mul(Decimal.of(def.scale)));
      },
    };
  }
  if (def.type === 'formula') {
    const expr = indicator.formula!;
    const codes = [...formulaRefs(expr), ...(usesDays(expr) ? [DAYS] : [])];
    return {
      codes,
      method: `shapley over ${def.formula}`,
      combine: (v) =>
        evaluateExpr(expr, (c) => ok(v.get(c)!), v.has(DAYS) ? Number(v.get(DAYS)!.toString()) : undefined, def.code),
    };
  }
  return null;
}

export async function decompose(
  ctx: EngineContext,
  code: string,
  period: Period,
  base: Period,
  unit: string | null,
  depth: number,
): Promise<DecompositionNode> {
  // One organisation unit: the model's organisation dimension (none declared: the unit cannot be asked for).
  const dimension = organisationDimension(ctx.runtime.model);
  if (unit !== null && !dimension) {
    throw badInput('This model declares no organisation unit to decompose one of.', { argument: 'unit' });
  }
  const dict = ctx.dictionary;
  const codes = new Set<string>();
  const collect = (c: string, level: number) => {
    codes.add(c);
    if (level >= depth) return;
    for (const d of driversOf(dict.get(c)!)?.codes ?? []) if (d !== DAYS) collect(d, level + 1);
  };
  collect(code, 0);
  const table = await computeValues(ctx, dict, {
    codes: [...codes],
    buckets: [base, period].sort((a, b) => a.from.localeCompare(b.from)),
    grain: period.grain,
    groupBy: unit ? [{ dimension: dimension! }] : [],
    filters: unit ? [{ dimension: dimension!, ids: [unit] }] : [],
    rollup: false,
  });
  const member = unit ?? TOTAL;
  const valueAt = (c: string, p: Period): Value => {
    if (c === DAYS) return ok(Decimal.of(daysIn(p)));
    return table.exact(c, p.label, member);
  };

  const build = (c: string, level: number, contribution: Value | null): DecompositionNode => {
    const indicator = c === DAYS ? null : dict.get(c)!;
    const value = valueAt(c, period);
    const baseValue = valueAt(c, base);
    const change =
      value.value !== null && baseValue.value !== null
        ? ok(value.value.sub(baseValue.value))
        : none(value.reason ?? baseValue.reason ?? 'no value');
    const node: DecompositionNode = {
      code: c,
      indicator,
      label: indicator ? `${indicator.def.name.zh} ${indicator.def.name.en}` : 'days in period',
      value,
      base: baseValue,
      change,
      contribution,
      method: null,
      residual: null,
      drivers: [],
    };
    const drivers = indicator && level < depth ? driversOf(indicator) : null;
    if (!drivers) return node;
    const contributions = shapley(
      drivers,
      (d) => valueAt(d, base),
      (d) => valueAt(d, period),
    );
    node.method = drivers.method;
    node.drivers = drivers.codes.map((d, i) => build(d, level + 1, contributions[i]!));
    const explained = contributions.reduce<Decimal | null>(
      (sum, v) => (sum === null || v.value === null ? null : sum.add(v.value)),
      Decimal.ZERO,
    );
    node.residual = change.value !== null && explained !== null ? ok(change.value.sub(explained)) : null;
    return node;
  };
  return build(code, 0, null);
}

/**
 * φ_i = Σ over subsets S of the other drivers: |S|!(n−|S|−1)!/n! · [f(S ∪ {i} at current) − f(S at current)].
 * The sums are taken with the integer weights |S|!(n−|S|−1)! (exact), then divided by n! once. n!·φ_i add up to
 * n!·(f(current) − f(base)) exactly, but φ_i itself need not be a finite decimal (Δ/3): each is kept to at least
 * 12 places, rounded down, and the last-place units the roundings lost go to the largest remainders — so the
 * contributions add up exactly to the change, and each is within one unit in the last place of its exact value.
 */
export function shapley(drivers: Drivers, at0: (c: string) => Value, at1: (c: string) => Value): Value[] {
  const n = drivers.codes.length;
  const v0 = drivers.codes.map(at0);
  const v1 = drivers.codes.map(at1);
  const missing = [...v0, ...v1].find((v) => v.value === null);
  if (missing) return drivers.codes.map(() => none(`a driver has no value: ${missing.reason}`));
  const f = (mask: number): Value =>
    drivers.combine(new Map(drivers.codes.map((c, i) => [c, ((mask >> i) & 1 ? v1[i] : v0[i])!.value!])));
  const cache = new Map<number, Value>();
  const fm = (mask: number) => cache.get(mask) ?? (cache.set(mask, f(mask)), cache.get(mask)!);
  const fact = (k: number): bigint => (k <= 1 ? 1n : BigInt(k) * fact(k - 1));
  /** n!·φ_i, exact. */
  const scaled = drivers.codes.map((_, i): Value => {
    let total = Decimal.ZERO;
    for (let mask = 0; mask < 1 << n; mask++) {
      if ((mask >> i) & 1) continue;
      const size = popcount(mask);
      const withI = fm(mask | (1 << i));
      const without = fm(mask);
      if (withI.value === null) return withI;
      if (without.value === null) return without;
      total = total.add(withI.value.sub(without.value).mul(Decimal.of(fact(size) * fact(n - size - 1))));
    }
    return ok(total);
  });
  if (scaled.some((v) => v.value === null)) return scaled;
  const divisor = fact(n);
  const scale = Math.max(12, ...scaled.map((v) => v.value!.scale));
  const units = scaled.map((v) => v.value!.units * 10n ** BigInt(scale - v.value!.scale));
  const quotients = units.map((u) => (u >= 0n ? u / divisor : -((-u + divisor - 1n) / divisor)));
  const remainders = units.map((u, i) => u - quotients[i]! * divisor);
  let spare = remainders.reduce((a, b) => a + b, 0n) / divisor;
  const byRemainder = remainders
    .map((r, i) => [r, i] as const)
    .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] > b[0] ? -1 : 1));
  for (const [, i] of byRemainder) {
    if (spare === 0n) break;
    quotients[i]! += 1n;
    spare--;
  }
  const ulp = Decimal.of(`0.${'0'.repeat(scale - 1)}1`);
  return quotients.map((q) => ok(Decimal.of(q).mul(ulp)));
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

function usesDays(e: Expr): boolean {
  return (
    e.kind === 'days' ||
    (e.kind === 'neg' && usesDays(e.operand)) ||
    (e.kind === 'binary' && (usesDays(e.left) || usesDays(e.right)))
  );
}
