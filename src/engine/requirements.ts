import { nextBucket, previousBucket, startOf, yearAgo } from '../values/buckets';
import type { CalendarOptions, Period } from '../values/period';
import type { Dictionary, Indicator } from '../indicators/dictionary';
import { formulaRefs } from '../indicators/formula';

/** For each simple indicator: the buckets it must be aggregated over, and whether a running total from
 *  the beginning of time is needed (cumulative "to_date": balances such as receivables). */
export interface LeafNeed {
  indicator: Indicator;
  buckets: Map<string, Period>;
  sinceInception: boolean;
}

/**
 * Walks the requested indicators down to their simple inputs, widening the buckets each needs: the previous
 * bucket for 环比, the year-ago bucket for 同比, earlier buckets of the year/quarter for YTD/QTD, N-1 earlier
 * ones for rolling windows.
 */
export function requirements(
  dict: Dictionary,
  codes: readonly string[],
  buckets: readonly Period[],
  calendar: CalendarOptions,
): Map<string, LeafNeed> {
  const needs = new Map<string, LeafNeed>();
  const visit = (code: string, wanted: readonly Period[], sinceInception: boolean): void => {
    const indicator = dict.get(code)!;
    const def = indicator.def;
    switch (def.type) {
      case 'simple': {
        const need = needs.get(code) ?? { indicator, buckets: new Map(), sinceInception: false };
        for (const b of wanted) need.buckets.set(b.label, b);
        need.sinceInception ||= sinceInception;
        needs.set(code, need);
        return;
      }
      case 'ratio':
        visit(def.numerator, wanted, sinceInception);
        visit(def.denominator, wanted, sinceInception);
        return;
      case 'formula':
        for (const ref of formulaRefs(indicator.formula!)) visit(ref, wanted, sinceInception);
        return;
      case 'period_over_period': {
        const other = wanted.map((b) =>
          def.compare === 'previous' ? previousBucket(b, calendar) : yearAgo(b, calendar),
        );
        visit(def.base, [...wanted, ...other], sinceInception);
        return;
      }
      case 'cumulative': {
        if (def.window === 'to_date') {
          visit(def.base, wanted, true);
          return;
        }
        const widened = new Map(wanted.map((b) => [b.label, b]));
        for (const b of wanted) {
          let first: Period;
          if (def.window === 'rolling') {
            first = b;
            for (let i = 1; i < def.periods!; i++) first = previousBucket(first, calendar);
          } else {
            first = startOf(b, def.window === 'ytd' ? 'year' : 'quarter', calendar);
          }
          for (let x = first; x.from < b.from; x = nextBucket(x, calendar)) widened.set(x.label, x);
        }
        visit(def.base, [...widened.values()], sinceInception);
        return;
      }
    }
  };
  for (const code of codes) visit(code, buckets, false);
  return needs;
}
