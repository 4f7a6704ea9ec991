import { ConfigError } from '../errors';
import { formulaRefs, type Expr } from './formula';
import { dependenciesOf } from './definition';
import type { Indicator } from './dictionary';
import type { UnitBook } from './units';

/** What each source offers, as far as the dictionary cares: facts → dimensions and measures. */
export type MeasureCatalog = Record<
  string,
  Record<
    string,
    {
      dimensions: readonly string[];
      measures: readonly string[];
      kind?: 'event' | 'state' | 'snapshot';
      /** measure → aggregation */ aggs?: Readonly<Record<string, string>>;
    }
  >
>;

/**
 * Cross-checks of a whole dictionary: units are declared (when the units file is given), measures exist,
 * references resolve, no cycles, units agree for + and -,
 * and every declared dimension is available from every input.
 */
export function validateDictionary(indicators: readonly Indicator[], catalog: MeasureCatalog, units?: UnitBook): void {
  const byCode = new Map(indicators.map((i) => [i.def.code, i]));
  const fail = (i: Indicator, problem: string): never => {
    throw new ConfigError(`Indicator file ${i.file} (${i.def.code}): ${problem}`);
  };
  const refsOf = (i: Indicator) => dependenciesOf(i.def, () => (i.formula ? formulaRefs(i.formula) : []));

  for (const i of indicators) {
    const unitProblem = units?.problem(i.def);
    if (unitProblem) fail(i, unitProblem);
    if (i.def.type === 'simple') {
      const { source, fact, measure } = i.def.measure;
      const facts = catalog[source];
      if (!facts) fail(i, `unknown source "${source}" (known: ${Object.keys(catalog).join(', ')})`);
      const f = facts![fact];
      if (!f) fail(i, `unknown fact ${source}.${fact} (known: ${Object.keys(facts!).join(', ')})`);
      if (f!.kind === 'state') {
        fail(
          i,
          `${source}.${fact} is a state fact (valid from/to), not events in time; build balances from event facts with a to_date running total`,
        );
      }
      if (!f!.measures.includes(measure)) {
        fail(
          i,
          `unknown source measure ${source}.${fact}.${measure} (known measures of ${source}.${fact}: ${f!.measures.join(', ')})`,
        );
      }
    }
    for (const ref of refsOf(i)) {
      if (!byCode.has(ref)) fail(i, `refers to unknown indicator "${ref}"`);
    }
    for (const rule of i.def.alerts) {
      if (rule.indicator && !byCode.has(rule.indicator))
        fail(i, `alert "${rule.name}" compares with unknown indicator "${rule.indicator}"`);
    }
    for (const ref of i.def.drivers?.of ?? []) {
      if (!byCode.has(ref)) fail(i, `declares unknown driver "${ref}"`);
      if (ref === i.def.code) fail(i, 'cannot be its own driver');
    }
  }

  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (i: Indicator, path: string[]): void => {
    if (state.get(i.def.code) === 'done') return;
    if (state.get(i.def.code) === 'visiting') fail(i, `formula cycle: ${[...path, i.def.code].join(' → ')}`);
    state.set(i.def.code, 'visiting');
    for (const ref of refsOf(i)) visit(byCode.get(ref)!, [...path, i.def.code]);
    state.set(i.def.code, 'done');
  };
  for (const i of indicators) visit(i, []);

  for (const i of indicators) {
    if (i.formula) checkUnits(i, i.formula, byCode, fail);
    if (i.def.type === 'cumulative') {
      const base = byCode.get(i.def.base)!;
      if (base.def.additivity !== 'additive')
        fail(i, `a running total needs an additive base; ${base.def.code} is ${base.def.additivity}`);
      if (i.def.window === 'to_date' && !isLinear(base, byCode)) {
        fail(i, `"to_date" needs a base built from simple indicators with + and - only; ${base.def.code} is not`);
      }
    }
    const available = dimensionsOf(i, byCode, catalog);
    const missing = i.def.dimensions.filter((d) => !available.has(d));
    if (missing.length) {
      fail(
        i,
        `unknown dimension ${missing.map((d) => `"${d}"`).join(', ')} (available from its inputs: ${[...available].sort().join(', ') || 'none'})`,
      );
    }
  }
}

/** Dimensions every input of an indicator can be cut by (the intersection over its simple inputs). */
export function dimensionsOf(
  i: Indicator,
  byCode: ReadonlyMap<string, Indicator>,
  catalog: MeasureCatalog,
): Set<string> {
  if (i.def.type === 'simple') {
    const { source, fact } = i.def.measure;
    return new Set(catalog[source]![fact]!.dimensions);
  }
  const refs = dependenciesOf(i.def, () => (i.formula ? formulaRefs(i.formula) : []));
  const sets = refs.map((r) => dimensionsOf(byCode.get(r)!, byCode, catalog));
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((d) => sets.every((s) => s.has(d))));
}

type Fail = (i: Indicator, problem: string) => never;

/** Simple, or a formula that only adds and subtracts linear parts: safe to accumulate from inception.
 *  Not literals: a constant would be added once, not once per period (the engine sums the refs only). */
function isLinear(i: Indicator, byCode: ReadonlyMap<string, Indicator>): boolean {
  if (i.def.type === 'simple') return true;
  if (i.def.type !== 'formula') return false;
  const walk = (e: Expr): boolean =>
    e.kind === 'ref'
      ? isLinear(byCode.get(e.code)!, byCode)
      : e.kind === 'neg'
        ? walk(e.operand)
        : e.kind === 'binary'
          ? (e.op === '+' || e.op === '-') && walk(e.left) && walk(e.right)
          : false;
  return walk(i.formula!);
}

/** + and - need operands of one unit; literals and days() adapt; scaling by a number keeps the unit
 *  (invoiced_revenue * 0.97 is CNY); other * and / produce a derived unit. */
function checkUnits(i: Indicator, expr: Expr, byCode: ReadonlyMap<string, Indicator>, fail: Fail): string | null {
  switch (expr.kind) {
    case 'number':
    case 'days':
      return null;
    case 'ref':
      return byCode.get(expr.code)!.def.unit;
    case 'neg':
      return checkUnits(i, expr.operand, byCode, fail);
    case 'binary': {
      const left = checkUnits(i, expr.left, byCode, fail);
      const right = checkUnits(i, expr.right, byCode, fail);
      if (expr.op === '+' || expr.op === '-') {
        if (left && right && left !== right) fail(i, `unit mismatch in formula: ${left} ${expr.op} ${right}`);
        return left ?? right;
      }
      if (expr.op === '*' && expr.left.kind === 'number') return right;
      if ((expr.op === '*' || expr.op === '/') && expr.right.kind === 'number') return left;
      return 'derived';
    }
  }
}
