import type { Dictionary, Indicator } from './dictionary';
import { formulaRefs } from './formula';

/** The codes an indicator is computed from directly. */
export function inputsOf(i: Indicator): string[] {
  const d = i.def;
  if (d.type === 'simple') return [];
  if (d.type === 'ratio') return [d.numerator, d.denominator];
  if (d.type === 'formula') return formulaRefs(i.formula!);
  return [d.base];
}

/** Every code `code` is computed from, transitively (not itself). */
export function inputsClosure(dict: Dictionary, code: string, seen = new Set<string>()): string[] {
  const i = dict.get(code);
  for (const c of i ? inputsOf(i) : []) {
    if (seen.has(c)) continue;
    seen.add(c);
    inputsClosure(dict, c, seen);
  }
  return [...seen];
}
