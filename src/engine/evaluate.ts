import type { Dictionary, Indicator } from '../indicators/dictionary';
import { daysIn, previousBucket, startOf, nextBucket, yearAgo } from '../model/buckets';
import { Decimal } from '../model/decimal';
import type { CalendarOptions, Period } from '../model/period';
import { OPENING } from './fetch';
import type { Leaf } from './regroup';

import { evaluateExpr, none, ok, type Value } from './expr';
const HUNDRED = Decimal.of(100);

/**
 * Computes any indicator for one (bucket, member) from the simple inputs' aggregated values, in the hub,
 * on the conformed dimensions — after each source aggregated its own rows, so joining systems never
 * double-counts. Ratios divide aggregated numerator by aggregated denominator (never an average of
 * ratios). Empty inputs and divisions by zero give null with a reason, never NaN or Infinity.
 */
export class Evaluator {
  private readonly memo = new Map<string, Value>();

  constructor(
    private readonly dict: Dictionary,
    private readonly leaves: ReadonlyMap<string, Leaf>,
    private readonly calendar: CalendarOptions,
  ) {}

  value(code: string, bucket: Period, member: string): Value {
    const key = `${code}|${bucket.label}|${member}`;
    let v = this.memo.get(key);
    if (!v) {
      v = this.compute(this.dict.get(code)!, bucket, member);
      this.memo.set(key, v);
    }
    return v;
  }

  private compute(indicator: Indicator, bucket: Period, member: string): Value {
    const def = indicator.def;
    switch (def.type) {
      case 'simple':
        return this.leafValue(def.code, bucket.label, member);
      case 'ratio': {
        const n = this.value(def.numerator, bucket, member);
        const d = this.value(def.denominator, bucket, member);
        if (d.value === null) return d;
        if (n.value === null) return n;
        if (d.value.isZero()) return none(`division by zero: ${def.denominator} is 0 in ${bucket.label}`);
        return ok(n.value.div(d.value, 8)!.mul(Decimal.of(def.scale)));
      }
      case 'formula':
        return evaluateExpr(indicator.formula!, (code) => this.value(code, bucket, member), daysIn(bucket), bucket.label);
      case 'period_over_period': {
        const current = this.value(def.base, bucket, member);
        const other = def.compare === 'previous' ? previousBucket(bucket, this.calendar) : yearAgo(bucket, this.calendar);
        const base = this.value(def.base, other, member);
        if (current.value === null) return current;
        if (base.value === null) return none(`${def.base} has no value in ${other.label}: ${base.reason}`);
        const diff = current.value.sub(base.value);
        if (def.as === 'difference') return ok(diff);
        if (base.value.isZero()) return none(`no growth rate: ${def.base} was 0 in ${other.label}`);
        const growth = diff.div(base.value.compare(Decimal.ZERO) < 0 ? base.value.negate() : base.value, 8)!;
        return ok(def.unit === 'percent' ? growth.mul(HUNDRED) : growth);
      }
      case 'cumulative': {
        if (def.window === 'to_date') return this.sinceInception(def.base, bucket.to, member);
        let first: Period;
        if (def.window === 'rolling') {
          first = bucket;
          for (let i = 1; i < def.periods!; i++) first = previousBucket(first, this.calendar);
        } else {
          first = startOf(bucket, def.window === 'ytd' ? 'year' : 'quarter', this.calendar);
        }
        let total = Decimal.ZERO;
        for (let b = first; b.from <= bucket.from; b = nextBucket(b, this.calendar)) {
          const v = this.value(def.base, b, member);
          if (v.value === null) return v;
          total = total.add(v.value);
        }
        return ok(total);
      }
    }
  }

  /** Running total of an additive indicator up to (excluding) `date`: the opening bucket plus every bucket before. */
  private sinceInception(code: string, date: string, member: string): Value {
    const indicator = this.dict.get(code)!;
    const def = indicator.def;
    if (def.type === 'formula') {
      return evaluateExpr(indicator.formula!, (ref) => this.sinceInception(ref, date, member), undefined, `${code} to ${date}`);
    }
    if (def.type !== 'simple') return none(`${code} cannot be accumulated since inception`);
    const leaf = this.leaves.get(code)!;
    if (leaf.unavailable) return none(leaf.unavailable);
    if (leaf.inScope && !leaf.inScope(member)) return none(`${member} is not in your scope`);
    if (leaf.hasCounterpart && !leaf.hasCounterpart(member)) return none(`${member} has no counterpart in ${leaf.source}`);
    let total = leaf.values.get(OPENING)?.get(member) ?? Decimal.ZERO;
    for (const b of leaf.buckets) {
      if (b.to > date) break;
      total = total.add(leaf.values.get(b.label)?.get(member) ?? Decimal.ZERO);
    }
    return ok(total);
  }

  private leafValue(code: string, label: string, member: string): Value {
    const leaf = this.leaves.get(code)!;
    if (leaf.unavailable) return none(leaf.unavailable);
    if (leaf.inScope && !leaf.inScope(member)) return none(`${member} is not in your scope`);
    if (leaf.hasCounterpart && !leaf.hasCounterpart(member)) return none(`${member} has no counterpart in ${leaf.source}`);
    const v = leaf.values.get(label)?.get(member);
    if (v !== undefined) return ok(v);
    if (leaf.agg === 'sum' || leaf.agg === 'count' || leaf.agg === 'count_distinct') return ok(Decimal.ZERO);
    return none(`no ${code} rows in ${label}`);
  }
}
