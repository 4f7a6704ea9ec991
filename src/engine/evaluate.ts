import type { Dictionary, Indicator } from '../indicators/dictionary';
import { daysIn, previousBucket, startOf, nextBucket, yearAgo } from '../values/buckets';
import { Decimal } from '../values/decimal';
import type { CalendarOptions, Period } from '../values/period';
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
  /** code → bucket label → member index → value. A column per (code, bucket), indexed by the member's
   *  place (`indexOf`): a dashboard asks for ~10^6 lookups, and per-lookup keys or map entries were the
   *  largest source of garbage in the CPU profile. */
  private readonly memo = new Map<string, Map<string, Array<Value | undefined>>>();
  /** Member → its index in every per-member column, assigned in order of first use. */
  private readonly members = new Map<string, number>();
  /** Calendar steps depend on the bucket only, never on the member: computed once per (kind, grain, label). */
  private readonly steps = new Map<string, Map<string, Map<string, Period>>>();
  /** Per leaf, by member index: null when the member has a value in that source, else why not. */
  private readonly absent = new Map<Leaf, Array<Value | null | undefined>>();
  /** Per leaf, by member index: running totals since inception, by bucket index. */
  private readonly running = new Map<Leaf, Array<Decimal[] | undefined>>();
  /** Per leaf and date: the index of the last of its buckets ending by that date (-1: none). */
  private readonly lastBefore = new Map<Leaf, Map<string, number>>();
  /** Days per bucket label (formulas' days()). */
  private readonly days = new Map<string, number>();

  constructor(
    private readonly dict: Dictionary,
    private readonly leaves: ReadonlyMap<string, Leaf>,
    private readonly calendar: CalendarOptions,
  ) {}

  value(code: string, bucket: Period, member: string): Value {
    let byBucket = this.memo.get(code);
    if (!byBucket) this.memo.set(code, (byBucket = new Map()));
    let column = byBucket.get(bucket.label);
    if (!column) byBucket.set(bucket.label, (column = []));
    const index = this.indexOf(member);
    let v = column[index];
    if (v === undefined) {
      v = this.compute(this.dict.get(code)!, bucket, member);
      column[index] = v;
    }
    return v;
  }

  private indexOf(member: string): number {
    let index = this.members.get(member);
    if (index === undefined) this.members.set(member, (index = this.members.size));
    return index;
  }

  private step(kind: 'previous' | 'next' | 'yearAgo' | 'year' | 'quarter', bucket: Period): Period {
    let byGrain = this.steps.get(kind);
    if (!byGrain) this.steps.set(kind, (byGrain = new Map()));
    let byLabel = byGrain.get(bucket.grain);
    if (!byLabel) byGrain.set(bucket.grain, (byLabel = new Map()));
    let p = byLabel.get(bucket.label);
    if (!p) {
      p =
        kind === 'previous'
          ? previousBucket(bucket, this.calendar)
          : kind === 'next'
            ? nextBucket(bucket, this.calendar)
            : kind === 'yearAgo'
              ? yearAgo(bucket, this.calendar)
              : startOf(bucket, kind, this.calendar);
      byLabel.set(bucket.label, p);
    }
    return p;
  }

  private daysOf(bucket: Period): number {
    let days = this.days.get(bucket.label);
    if (days === undefined) this.days.set(bucket.label, (days = daysIn(bucket)));
    return days;
  }

  /** Null when `member` can have a value of `leaf`; else the value (null with the reason) it gets. */
  private missing(leaf: Leaf, member: string): Value | null {
    let byMember = this.absent.get(leaf);
    if (!byMember) this.absent.set(leaf, (byMember = []));
    const index = this.indexOf(member);
    let v = byMember[index];
    if (v === undefined) {
      v = leaf.unavailable
        ? none(leaf.unavailable, leaf.failure)
        : leaf.inScope && !leaf.inScope(member)
          ? none(`${member} is not in your scope`)
          : leaf.hasCounterpart && !leaf.hasCounterpart(member)
            ? none(`${member} has no counterpart in ${leaf.source}`)
            : null;
      byMember[index] = v;
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
        return evaluateExpr(
          indicator.formula!,
          (code) => this.value(code, bucket, member),
          this.daysOf(bucket),
          bucket.label,
        );
      case 'period_over_period': {
        const current = this.value(def.base, bucket, member);
        const other = this.step(def.compare === 'previous' ? 'previous' : 'yearAgo', bucket);
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
          for (let i = 1; i < def.periods!; i++) first = this.step('previous', first);
        } else {
          first = this.step(def.window === 'ytd' ? 'year' : 'quarter', bucket);
        }
        let total = Decimal.ZERO;
        for (let b = first; b.from <= bucket.from; b = this.step('next', b)) {
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
      return evaluateExpr(
        indicator.formula!,
        (ref) => this.sinceInception(ref, date, member),
        undefined,
        `${code} to ${date}`,
      );
    }
    if (def.type !== 'simple') return none(`${code} cannot be accumulated since inception`);
    const leaf = this.leaves.get(code)!;
    const missing = this.missing(leaf, member);
    if (missing) return missing;
    // Running totals per member, built once (bucket i → opening + buckets 0..i): a balance for every
    // bucket of a dashboard is then one lookup, not a sum over every bucket before it.
    let byMember = this.running.get(leaf);
    if (!byMember) this.running.set(leaf, (byMember = []));
    const index = this.indexOf(member);
    let totals = byMember[index];
    if (!totals) {
      totals = [];
      let total = leaf.values.get(OPENING)?.get(member) ?? Decimal.ZERO;
      for (const b of leaf.buckets) {
        total = total.add(leaf.values.get(b.label)?.get(member) ?? Decimal.ZERO);
        totals.push(total);
      }
      byMember[index] = totals;
    }
    let byDate = this.lastBefore.get(leaf);
    if (!byDate) this.lastBefore.set(leaf, (byDate = new Map()));
    let last = byDate.get(date);
    if (last === undefined) {
      last = -1;
      for (let i = 0; i < leaf.buckets.length && leaf.buckets[i]!.to <= date; i++) last = i;
      byDate.set(date, last);
    }
    return ok(last < 0 ? (leaf.values.get(OPENING)?.get(member) ?? Decimal.ZERO) : totals[last]!);
  }

  private leafValue(code: string, label: string, member: string): Value {
    const leaf = this.leaves.get(code)!;
    const missing = this.missing(leaf, member);
    if (missing) return missing;
    const v = leaf.values.get(label)?.get(member);
    if (v !== undefined) return ok(v);
    if (leaf.agg === 'sum' || leaf.agg === 'count' || leaf.agg === 'count_distinct') return ok(Decimal.ZERO);
    return none(`no ${code} rows in ${label}`);
  }
}
