/**
 * Small hand-made dictionaries and leaves for engine unit tests: no database, no loader, no hub context.
 */
import { indicatorSchema, type IndicatorDefinition } from '../../../src/indicators/definition';
import { Dictionary, indicatorOf, type Indicator } from '../../../src/indicators/dictionary';
import type { Value } from '../../../src/engine/expr';
import type { Leaf } from '../../../src/engine/regroup';
import { Decimal } from '../../../src/values/decimal';
import type { Period } from '../../../src/values/period';

const COMMON = {
  name: { zh: '测试指标', en: 'Test indicator' },
  definition: 'A test indicator defined only for unit tests.',
  owner: { unit: 'Finance', person: 'Tester' },
  domain: 'finance',
  unit: 'CNY',
};

/** A validated indicator from a partial YAML-like object (code and type required). */
export function indicator(
  def: Record<string, unknown> & { code: string; type: IndicatorDefinition['type'] },
): Indicator {
  const parsed = indicatorSchema.parse({ ...COMMON, ...def });
  return indicatorOf(parsed, { file: `${def.code}.yaml`, version: 'test', versionNumber: null, status: 'published' });
}

export const simple = (code: string, extra: Record<string, unknown> = {}): Indicator =>
  indicator({ code, type: 'simple', measure: { source: 'erp', fact: 'ledger', measure: code }, ...extra });

export const formula = (code: string, text: string, extra: Record<string, unknown> = {}): Indicator =>
  indicator({ code, type: 'formula', formula: text, ...extra });

export const dictionary = (...indicators: Indicator[]): Dictionary => new Dictionary(indicators);

/** A leaf of `indicator` with values given as { bucketLabel: { member: "12.34" } }. */
export function leaf(
  of: Indicator,
  buckets: Period[],
  values: Record<string, Record<string, string>>,
  options: {
    agg?: Leaf['agg'];
    hasCounterpart?: (member: string) => boolean;
    unavailable?: string;
    source?: string;
  } = {},
): Leaf {
  const map = new Map<string, Map<string, Decimal>>();
  const members = new Set<string>();
  for (const [label, byMember] of Object.entries(values)) {
    map.set(label, new Map(Object.entries(byMember).map(([m, v]) => (members.add(m), [m, Decimal.of(v)]))));
  }
  return {
    indicator: of,
    agg: options.agg ?? 'sum',
    buckets,
    values: map,
    members,
    source: options.source ?? 'erp',
    ...(options.hasCounterpart ? { hasCounterpart: options.hasCounterpart } : {}),
    ...(options.unavailable ? { unavailable: options.unavailable } : {}),
  };
}

/** A decimal without trailing fractional zeros ("600.00000000" → "600", "0.50" → "0.5"), for comparing values of any scale. */
export function plain(d: Decimal): string {
  const s = d.toString();
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A value as a plain decimal string, or { reason } when null: one shape to compare against. */
export function shown(v: Value): string | { reason: string } {
  return v.value === null ? { reason: v.reason } : plain(v.value);
}
