import { personalFactsOf } from '../auth/personal-data';
import type { PersonalFact } from '../auth/policy';
import { visibleMembers } from '../auth/viewer';
import { HubError } from '../errors';
import type { EngineContext } from './context';
import { fingerprintOf, type Dictionary, type Indicator } from '../indicators/dictionary';
import { Decimal } from '../values/decimal';
import type { Period } from '../values/period';
import type { WindowKey } from '../store/disclosure-store';
import { none, type Value } from './expr';
import { fetchLeaves, OPENING, TOTAL, type LeafData } from './fetch';
import type { Leaf } from './regroup';
import { decideReleases, type ReleaseCandidate } from './release';
import type { ValuesRequest } from './request';
import { requirements, type LeafNeed } from './requirements';

type Fetched = Awaited<ReturnType<typeof fetchLeaves>>;
const POPULATION = '\u0000population:';
const INCEPTION = '0001-01-01';

/**
 * Personal data inside the engine, on every path that computes indicator values (tables,
 * Department.indicators, decomposition, alerts), for whatever dictionary the request uses (drafts too):
 * - a value is personal iff its lineage reads a fact the policy declares personal (src/auth/personal-data.ts);
 * - roles not in `personalData.roles` get null "not permitted" and the personal facts are not even read;
 * - viewers without `individuals` may cut a personal fact only by its declared dimension, get its
 *   population in the same statement, grouped by that dimension (totals are summed in the hub), and each
 *   personal cell is released only if the query-set overlap control holds (src/engine/release.ts).
 */
export class Disclosure {
  private readonly factsByCode = new Map<string, PersonalFact[]>();
  private readonly permitted: boolean;
  private readonly checked: boolean;
  /** fact id → the population leaf (per window label, per base member). */
  private readonly populations = new Map<string, LeafData>();
  /** fact id → the base members an ungrouped total adds up. */
  private readonly totalParts = new Map<string, string[]>();
  private readonly refused = new Map<string, string>();
  private readonly released = new Set<string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly dict: Dictionary,
    private readonly request: ValuesRequest,
  ) {
    const { policy } = ctx.runtime;
    this.permitted = policy.mayUsePersonalData(ctx.viewer.roles);
    this.checked = this.permitted && !ctx.viewer.individuals;
    if (!ctx.viewer.individuals) this.refuseIdentifyingCuts();
  }

  factsOf(code: string): PersonalFact[] {
    let facts = this.factsByCode.get(code);
    if (!facts) this.factsByCode.set(code, (facts = personalFactsOf(this.dict, code, this.ctx.runtime.policy)));
    return facts;
  }

  /** Without `individuals`: a personal fact cut by anything but its dimension (an employee…) is refused. */
  private refuseIdentifyingCuts(): void {
    const cuts = [...this.request.groupBy.map((g) => g.dimension), ...this.request.filters.map((f) => f.dimension)];
    for (const code of this.request.codes) {
      for (const fact of this.factsOf(code)) {
        const bad = cuts.find((d) => d !== fact.dimension);
        if (bad === undefined) continue;
        throw new HubError(
          'FORBIDDEN',
          `${code} cannot be cut by ${bad}: it is computed from personal data (${fact.id}), which your roles may see only by ${fact.dimension} and over at least ${this.ctx.runtime.policy.policy.minimumGroupSize} people.`,
          { reason: 'PERSONAL_DATA_CUT', indicator: code, fact: fact.id, dimension: bad },
        );
      }
    }
  }

  /** fetchLeaves, with personal facts left unread (not permitted) or read with their population (checked). */
  async fetch(needs: Map<string, LeafNeed>): Promise<Fetched> {
    const { policy } = this.ctx.runtime;
    if (this.ctx.viewer.individuals && this.permitted) return fetchLeaves(this.ctx, needs, this.request);
    const rest = new Map<string, LeafNeed>();
    const personal = new Map<string, { fact: PersonalFact; needs: LeafNeed[] }>();
    for (const [code, need] of needs) {
      const def = need.indicator.def;
      const fact = def.type === 'simple' ? policy.personalFact(def.measure.source, def.measure.fact) : undefined;
      if (!fact) rest.set(code, need);
      else personal.set(fact.id, { fact, needs: [...(personal.get(fact.id)?.needs ?? []), need] });
    }
    if (!this.permitted) {
      const out = await fetchLeaves(this.ctx, rest, this.request);
      for (const { fact, needs: group } of personal.values()) {
        for (const n of group) {
          const reason = `not permitted: computed from personal data (${fact.id}) your roles may not see`;
          out.leaves.set(n.indicator.def.code, unavailable(n, reason, notPermitted([fact])));
        }
      }
      return out;
    }
    // Checked viewers: one statement per personal fact with its population, grouped by the fact's dimension.
    const byDimension = new Map<string, Map<string, LeafNeed>>();
    for (const { fact, needs: group } of personal.values()) {
      const into = byDimension.get(fact.dimension) ?? new Map<string, LeafNeed>();
      for (const n of group) into.set(n.indicator.def.code, n);
      const population = populationNeed(fact, group);
      into.set(population.indicator.def.code, population);
      byDimension.set(fact.dimension, into);
    }
    const parts = await Promise.all([
      fetchLeaves(this.ctx, rest, this.request),
      ...[...byDimension].map(([dimension, group]) =>
        fetchLeaves(
          this.ctx,
          group,
          this.request.groupBy.length ? this.request : { ...this.request, groupBy: [{ dimension }] },
        ),
      ),
    ]);
    const out: Fetched = { leaves: new Map(), statements: [], failures: [] };
    for (const p of parts) {
      for (const [code, leaf] of p.leaves) out.leaves.set(code, leaf);
      out.statements.push(
        ...p.statements.map((s) => ({ ...s, indicators: s.indicators.filter((i) => !i.code.startsWith(POPULATION)) })),
      );
      out.failures.push(...p.failures);
    }
    out.statements.sort((a, b) => `${a.source}.${a.fact}`.localeCompare(`${b.source}.${b.fact}`));
    for (const { fact, needs: group } of personal.values()) {
      const code = `${POPULATION}${fact.id}`;
      this.populations.set(fact.id, out.leaves.get(code)!);
      out.leaves.delete(code);
      if (this.request.groupBy.length) continue;
      const members = this.populations.get(fact.id)!.members;
      const filter = this.request.filters.find((f) => f.dimension === fact.dimension);
      const scope = visibleMembers(this.ctx.viewer, this.ctx.runtime.model.dimensions[fact.dimension]!);
      const base = filter ? [...new Set(filter.ids)] : [...members];
      this.totalParts.set(fact.id, scope === 'all' ? base : base.filter((m) => scope.has(m)));
      for (const n of group) out.leaves.set(n.indicator.def.code, totalOf(out.leaves.get(n.indicator.def.code)!, fact));
    }
    return out;
  }

  /**
   * Decides every personal cell of the answer before any is shown: larger query sets first (totals,
   * parents), then by code, period and member; released sets are logged for the principal.
   */
  async decide(
    evaluate: (code: string, bucket: Period, member: string) => Value,
    members: readonly string[],
    leaves: ReadonlyMap<string, Leaf>,
  ): Promise<void> {
    if (!this.checked) return;
    const candidates: Array<ReleaseCandidate & { size: number; order: string }> = [];
    for (const code of this.request.codes) {
      if (this.factsOf(code).length === 0) continue;
      for (const bucket of this.request.buckets) {
        const reads = this.readsOf(code, bucket);
        for (const member of members) {
          if (evaluate(code, bucket, member).value === null) continue;
          const sets = reads.map(({ fact, window }) => ({ window, members: this.setOf(fact, member, leaves) }));
          candidates.push({
            key: cellKey(code, bucket.label, member),
            sets,
            size: Math.max(0, ...sets.map((s) => s.members.length)),
            order: `${code}|${bucket.from}|${member}`,
          });
        }
      }
    }
    candidates.sort((a, b) => b.size - a.size || a.order.localeCompare(b.order));
    const refused = await decideReleases(this.ctx, candidates, (window, member) => this.populationAt(window, member));
    for (const c of candidates) {
      const reason = refused.get(c.key);
      if (reason) this.refused.set(c.key, reason);
      else this.released.add(c.key);
    }
  }

  /** Whether `check` can change any value of `code` (it reads personal data): false lets callers skip it. */
  concerns(code: string): boolean {
    return this.factsOf(code).length > 0;
  }

  /** The value of a cell as this viewer may see it. */
  check(code: string, bucket: Period, member: string, compute: (code: string) => Value): Value {
    const facts = this.factsOf(code);
    if (facts.length === 0) return compute(code);
    if (!this.permitted) {
      const ids = facts.map((f) => f.id).join(', ');
      const reason = `not permitted: ${code} is computed from personal data (${ids}) your roles may not see`;
      return none(reason, notPermitted(facts));
    }
    const value = compute(code);
    if (value.value === null || !this.checked) return value;
    const key = cellKey(code, bucket.label, member);
    const unchecked = this.released.has(key) ? undefined : `suppressed: ${code} was not part of the checked answer`;
    const refusal = this.refused.get(key) ?? unchecked;
    if (!refusal) return value;
    this.ctx.audit.suppress({ indicator: code, period: bucket.label, member, reason: refusal });
    const { minimumGroupSize } = this.ctx.runtime.policy.policy;
    return none(refusal, new HubError('SUPPRESSED', refusal, { minimumGroupSize }));
  }

  /** Per personal fact: the (fact, window) pairs one cell reads — its own period and, for comparisons and
   *  running totals, the others. */
  private readsOf(code: string, bucket: Period): Array<{ fact: PersonalFact; window: WindowKey & { label: string } }> {
    const out = new Map<string, { fact: PersonalFact; window: WindowKey & { label: string } }>();
    const { policy } = this.ctx.runtime;
    for (const need of requirements(this.dict, [code], [bucket], this.ctx.runtime.config.calendar).values()) {
      const def = need.indicator.def;
      const fact = def.type === 'simple' ? policy.personalFact(def.measure.source, def.measure.fact) : undefined;
      if (!fact) continue;
      const buckets = this.populations.get(fact.id)?.buckets ?? [];
      const windows = [...need.buckets.values()].map((b) => ({
        fact: fact.id,
        from: b.from,
        to: b.to,
        label: b.label,
      }));
      if (need.sinceInception)
        windows.push({ fact: fact.id, from: INCEPTION, to: buckets[0]?.from ?? bucket.from, label: OPENING });
      for (const w of windows) out.set(`${w.fact}|${w.from}|${w.to}`, { fact, window: w });
    }
    return [...out.values()];
  }

  private setOf(fact: PersonalFact, member: string, leaves: ReadonlyMap<string, Leaf>): string[] {
    if (!this.request.groupBy.length) return this.totalParts.get(fact.id) ?? [];
    for (const leaf of leaves.values()) {
      const def = leaf.indicator.def;
      if (def.type === 'simple' && `${def.measure.source}.${def.measure.fact}` === fact.id && leaf.parts)
        return [...(leaf.parts.get(member) ?? [member])];
    }
    return [member];
  }

  private populationAt(window: WindowKey & { label?: string }, member: string): number | undefined {
    const leaf = this.populations.get(window.fact);
    const label = window.label ?? leaf?.buckets.find((b) => b.from === window.from && b.to === window.to)?.label;
    const v = label === undefined ? undefined : leaf?.values.get(label)?.get(member);
    if (v !== undefined) return Number(v.toString());
    // Not in the statement: no rows for it in this window (0), unless it was not asked for at all.
    return leaf && !leaf.unavailable && leaf.members.has(member) ? 0 : undefined;
  }
}

const cellKey = (code: string, label: string, member: string) => `${code}|${label}|${member}`;

function unavailable(need: LeafNeed, reason: string, failure: HubError): LeafData {
  const def = need.indicator.def as Extract<Indicator['def'], { type: 'simple' }>;
  const buckets = [...need.buckets.values()];
  return {
    indicator: need.indicator,
    agg: 'sum',
    buckets,
    values: new Map(),
    members: new Set(),
    source: def.measure.source,
    unavailable: reason,
    failure,
  };
}

/** The coded refusal behind a "not permitted" cell (a single field reports it as its error). */
function notPermitted(facts: readonly PersonalFact[]): HubError {
  const ids = facts.map((f) => f.id).join(', ');
  return new HubError('FORBIDDEN', `This value is computed from personal data (${ids}) your roles may not see.`, {
    reason: 'PERSONAL_DATA',
    fact: ids,
  });
}

/** A hidden simple input: the fact's population measure, over every window its personal inputs need. */
function populationNeed(fact: PersonalFact, group: readonly LeafNeed[]): LeafNeed {
  const first = group[0]!.indicator.def as Extract<Indicator['def'], { type: 'simple' }>;
  const def = { ...first, code: `${POPULATION}${fact.id}`, measure: { ...first.measure, measure: fact.population } };
  const indicator: Indicator = {
    def,
    file: 'policy personalData',
    version: 'policy',
    versionNumber: null,
    fingerprint: fingerprintOf(def),
    status: 'published',
  };
  const buckets = new Map<string, Period>();
  for (const n of group) for (const [l, b] of n.buckets) buckets.set(l, b);
  return { indicator, buckets, sinceInception: group.some((n) => n.sinceInception) };
}

/** Per-member values of a personal input summed into the total (the statement was grouped for the check). */
function totalOf(leaf: LeafData, fact: PersonalFact): LeafData {
  if (leaf.unavailable) return leaf;
  const combine =
    leaf.agg === 'sum' || leaf.agg === 'count'
      ? (a: Decimal, b: Decimal) => a.add(b)
      : leaf.agg === 'min'
        ? (a: Decimal, b: Decimal) => (a.compare(b) <= 0 ? a : b)
        : leaf.agg === 'max'
          ? (a: Decimal, b: Decimal) => (a.compare(b) >= 0 ? a : b)
          : null;
  const base = { ...leaf, hasCounterpart: undefined, inScope: undefined };
  if (!combine)
    return {
      ...base,
      values: new Map(),
      members: new Set(),
      unavailable: `a ${leaf.agg} of personal data (${fact.id}) has no total for your roles: group it by ${fact.dimension}`,
    };
  const values = new Map<string, Map<string, Decimal>>();
  for (const [label, byMember] of leaf.values) {
    let total: Decimal | null = null;
    for (const v of byMember.values()) total = total === null ? v : combine(total, v);
    if (total !== null) values.set(label, new Map([[TOTAL, total]]));
  }
  return { ...base, values, members: new Set(values.size > 0 || leaf.members.size > 0 ? [TOTAL] : []) };
}
