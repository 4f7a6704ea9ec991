import type { EngineContext } from './context';
import { visibleMembers } from '../auth/viewer';
import { hubIdOf, sourceKeyOf } from '../federation/entities';
import type { Indicator } from '../indicators/dictionary';
import { Decimal } from '../values/decimal';
import type { Period } from '../values/period';
import { bucketsBetween, MAX_BUCKETS } from '../values/buckets';
import type { CalendarOptions } from '../values/period';
import { createHash } from 'node:crypto';
import { HubError } from '../errors';
import type { AggregateQuery, AggregateRow } from '../sources/contract';
import type { LeafNeed } from './requirements';
import type { ValuesRequest } from './request';
import { joinMember, NONE, splitMember } from './members';
import { statementDimension, statementFilters } from './bridges';

export const OPENING = '<opening>';
/** Errors that refuse the whole request rather than degrade one source's indicators. */
const REFUSALS = ['TOO_MANY_ROWS', 'BAD_USER_INPUT'];
export const TOTAL = '';

/** Aggregated values of one simple indicator: per bucket label (and OPENING), per member (hub id or TOTAL). */
export interface LeafData {
  indicator: Indicator;
  agg: 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max';
  /** Set when the source failed: every value of this input is null with this reason. */
  unavailable?: string;
  /** The coded error behind `unavailable`, when there is one (the source's failure, a refusal). */
  failure?: HubError;
  /** Contiguous, in order: what the statement covered. */
  buckets: Period[];
  values: Map<string, Map<string, Decimal>>;
  members: Set<string>;
  /** False for a member the source has no key for (an organisation unit the source does not know): its
   *  value is null with that reason, not zero. Absent when members are not source entities (totals). */
  hasCounterpart?: (member: string) => boolean;
  source: string;
  /** False for a member outside the viewer's row rules (asked for by id): null "not in your scope", not 0. */
  inScope?: (member: string) => boolean;
  /** A snapshot fact (no time, no validity): its current value, the same in every bucket. */
  snapshot?: boolean;
  /** A distinct count of this fact dimension's own key: members of that dimension add up (src/engine/regroup.ts). */
  distinctOf?: string;
}

/** The distinct fact dimensions the request's grouping paths start from, in order of first use; a bridge
 *  dimension starts from its `through` dimension (src/engine/bridges.ts). */
export function factDimensions(
  request: Pick<ValuesRequest, 'groupBy'>,
  ctx?: Pick<EngineContext, 'runtime'>,
): string[] {
  return [...new Set(request.groupBy.map((g) => (ctx ? statementDimension(ctx, g.dimension) : g.dimension)))];
}

/** Members whose part of a ruled entity lies outside the viewer's rules are out of scope (their cells say so). */
function scopeOf(visible: ReadonlyArray<'all' | ReadonlySet<string>>): { inScope?: (member: string) => boolean } {
  if (visible.every((v) => v === 'all')) return {};
  return {
    inScope: (member: string) =>
      splitMember(member).every((id, i) => id === NONE || visible[i] === 'all' || visible[i]!.has(id)),
  };
}

/** Where the numbers of one (source, fact) came from: shown by explain and in every indicator table. */
export interface StatementProvenance {
  source: string;
  fact: string;
  measures: string[];
  /** Simple indicators fed by this statement, with the definition versions used. */
  indicators: Array<{ code: string; version: string }>;
  fingerprint: string;
  cached: boolean;
  /** When the source answered. */
  asOf: string;
  rows: number;
  durationMs: number;
}

/**
 * One aggregate statement per (source, fact) for the whole request — all its measures, every bucket any
 * indicator needs (contiguous, plus an opening bucket when a running total from inception is needed), the
 * requested dimension and filters pushed down. Members come back as hub ids through the key map.
 */
export async function fetchLeaves(
  ctx: EngineContext,
  needs: Map<string, LeafNeed>,
  request: ValuesRequest,
): Promise<{ leaves: Map<string, LeafData>; statements: StatementProvenance[]; failures: HubError[] }> {
  const calendar = ctx.runtime.config.calendar;
  const statements = new Map<string, LeafNeed[]>();
  for (const need of needs.values()) {
    const def = need.indicator.def;
    if (def.type !== 'simple') continue;
    const id = `${def.measure.source}.${def.measure.fact}`;
    statements.set(id, [...(statements.get(id) ?? []), need]);
  }

  const out = new Map<string, LeafData>();
  const filters = await statementFilters(ctx, request);
  const provenance: StatementProvenance[] = [];
  const failures: HubError[] = [];
  // Every statement's run of buckets first: one that cannot be covered is refused before any statement runs.
  const planned = [...statements.values()].map((group) => ({
    group,
    buckets: statementBuckets(group, request, calendar),
  }));
  await Promise.all(
    planned.map(async ({ group, buckets }) => {
      const first = group[0]!.indicator.def as Extract<Indicator['def'], { type: 'simple' }>;
      const { source, fact } = first.measure;
      const adapter = ctx.runtime.adapters.get(source)!;
      const catalog = adapter.catalog.facts[fact]!;
      const sinceInception = group.some((n) => n.sinceInception);
      const entityOf = (dimension: string) => ctx.runtime.model.dimensions[dimension]!;
      const windows = [
        ...(sinceInception ? [{ label: OPENING, from: '0001-01-01', to: buckets[0]!.from }] : []),
        ...buckets.map((b) => ({ label: b.label, from: b.from, to: b.to })),
      ];
      // One GROUP BY column per distinct fact dimension the paths start from (two attributes of one dimension
      // read the same column); the hub regroups along the paths (src/engine/regroup.ts).
      const dimensions = factDimensions(request, ctx);
      const snapshot = catalog.kind === 'snapshot';
      const measures = [...new Set(group.map((n) => (n.indicator.def as typeof first).measure.measure))];
      const indicators = group
        .map((n) => ({
          code: n.indicator.def.code,
          version: n.indicator.version,
          fingerprint: n.indicator.fingerprint,
        }))
        .sort((a, b) => a.code.localeCompare(b.code));
      const ttlSeconds = Math.min(
        ctx.runtime.config.sources[source as keyof typeof ctx.runtime.config.sources]?.cacheTtlSeconds ?? 0,
        ...group.map((n) => n.indicator.def.cacheTtlSeconds ?? Infinity),
      );
      let fetched: Awaited<ReturnType<typeof cachedAggregate>>;
      try {
        // Filters in the source's keys: a source whose crosswalk has not been read fails here, alone.
        const where: Record<string, string[]> = {};
        for (const f of filters) {
          const entity = ctx.runtime.model.dimensions[f.dimension]!;
          where[f.dimension] = f.ids.flatMap((id) => {
            const key = sourceKeyOf(ctx, entity, source, id);
            return key === undefined ? [] : [key];
          });
        }
        // A snapshot (no time, no validity) is read without a time filter: its current value, in every bucket.
        const limit = ctx.runtime.config.limits.maxStatementRows + 1;
        const query: AggregateQuery = {
          fact,
          measures,
          groupBy: dimensions,
          where,
          ...(snapshot ? {} : { buckets: windows }),
          limit,
        };
        fetched = await cachedAggregate(
          ctx,
          source,
          query,
          indicators.map((i) => i.fingerprint),
          ttlSeconds,
        );
      } catch (error) {
        // A failing source degrades only the indicators that need it: their inputs become unavailable
        // with the source's coded error; everything computed from other sources still stands.
        if (!(error instanceof HubError) || REFUSALS.includes(String(error.extensions.code))) throw error;
        failures.push(error);
        for (const need of group) {
          out.set(need.indicator.def.code, {
            indicator: need.indicator,
            agg: catalog.measures[(need.indicator.def as typeof first).measure.measure]!.agg,
            buckets,
            values: new Map(),
            members: new Set(),
            source,
            unavailable: error.message,
            failure: error,
          });
        }
        return;
      }
      const { rows, statement } = fetched;
      provenance.push({ source, fact, measures, indicators, ...statement });
      // Each row's member once for all the statement's measures (when one of them has a value); each
      // distinct source key mapped once.
      const memberOf = memberMapper(ctx, source, dimensions, dimensions.map(entityOf));
      const members: Array<string | undefined> = new Array(rows.length);
      const memberAt = (r: number) => (members[r] ??= memberOf(rows[r]!));
      for (const need of group) {
        const measure = (need.indicator.def as typeof first).measure.measure;
        const leaf: LeafData = {
          indicator: need.indicator,
          agg: catalog.measures[measure]!.agg,
          ...(catalog.measures[measure]!.distinctOf ? { distinctOf: catalog.measures[measure]!.distinctOf } : {}),
          buckets,
          values: new Map(),
          members: new Set(),
          source,
          ...(snapshot ? { snapshot: true } : {}),
          ...(dimensions.length
            ? {
                hasCounterpart: (m: string) =>
                  splitMember(m).every(
                    (id, i) => id === NONE || sourceKeyOf(ctx, entityOf(dimensions[i]!), source, id) !== undefined,
                  ),
              }
            : {}),
          ...(dimensions.length ? scopeOf(dimensions.map((d) => visibleMembers(ctx.viewer, entityOf(d)))) : {}),
        };
        const byLabel = (label: string) => {
          let byMember = leaf.values.get(label);
          if (!byMember) leaf.values.set(label, (byMember = new Map<string, Decimal>()));
          return byMember;
        };
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r]!;
          const raw = row.measures[measure];
          if (raw === null || raw === undefined) continue;
          const member = memberAt(r);
          leaf.members.add(member);
          const value = Decimal.of(typeof raw === 'string' ? raw : String(raw));
          if (snapshot) for (const b of buckets) byLabel(b.label).set(member, value);
          else byLabel(row.dimensions.period!).set(member, value);
        }
        out.set(need.indicator.def.code, leaf);
      }
    }),
  );
  provenance.sort((a, b) => `${a.source}.${a.fact}`.localeCompare(`${b.source}.${b.fact}`));
  return { leaves: out, statements: provenance, failures };
}

/**
 * A row's member: its dimension keys as hub ids through the key map (a null key is the member NONE), joined;
 * TOTAL when the statement is not grouped. Each distinct source key is mapped once per statement.
 */
function memberMapper(
  ctx: EngineContext,
  source: string,
  dimensions: readonly string[],
  entities: readonly string[],
): (row: AggregateRow) => string {
  if (entities.length === 0) return () => TOTAL;
  const seen = entities.map(() => new Map<string, string>());
  // Keyed by the key as the adapter returned it (the key map is asked with exactly that value).
  const hubId = (i: number, key: string | null | undefined): string => {
    if (key == null) return NONE;
    let id = seen[i]!.get(key);
    if (id === undefined) seen[i]!.set(key, (id = hubIdOf(ctx, entities[i]!, source, key)));
    return id;
  };
  if (entities.length === 1) return (row) => hubId(0, row.dimensions[dimensions[0]!]);
  return (row) => joinMember(dimensions.map((d, i) => hubId(i, row.dimensions[d])));
}

type Statement = Pick<StatementProvenance, 'fingerprint' | 'cached' | 'asOf' | 'rows' | 'durationMs'>;

/**
 * The statement's rows from the result cache, or from the source (then cached for the TTL). The key holds
 * the statement, the definition versions it serves and the viewer's scope in that source, so viewers with
 * different scopes never share an entry and a changed definition never reads an old one. In front of the
 * cache, the request's memo (keyed by the statement and the scope alone): whichever part of a request
 * reads a statement first, every other part of the same request gets the same rows — one request, one
 * as-of.
 */
async function cachedAggregate(
  ctx: EngineContext,
  source: string,
  query: AggregateQuery,
  fingerprints: string[],
  ttlSeconds: number,
): Promise<{ rows: AggregateRow[]; statement: Statement }> {
  const base = ctx.callFor(source);
  const statementKey = JSON.stringify([source, query, base.scope]);
  return ctx.loaders.statements.once(statementKey, async () => {
    const key = createHash('sha256')
      .update(JSON.stringify([source, query, fingerprints, base.scope]))
      .digest('hex');
    const hit = await ctx.runtime.cache.get<{ rows: AggregateRow[]; fingerprint: string; durationMs: number }>(key);
    if (hit) {
      const { rows, fingerprint } = hit.value;
      return { rows, statement: { fingerprint, cached: true, asOf: hit.asOf, rows: rows.length, durationMs: 0 } };
    }
    // Coalesced with the request's other aggregates of this turn over the same statement but its measures.
    const { rows, event } = await ctx.loaders.aggregates.load(source, query, base);
    const maxRows = ctx.runtime.config.limits.maxStatementRows;
    if (rows.length > maxRows) throw tooManyRows(source, query.fact, maxRows);
    const asOf = new Date().toISOString();
    const fingerprint = event?.fingerprint ?? '';
    const durationMs = event?.durationMs ?? 0;
    ctx.runtime.cache.set(key, { rows, fingerprint, durationMs }, ttlSeconds * 1000, asOf);
    return { rows, statement: { fingerprint, cached: false, asOf, rows: rows.length, durationMs } };
  });
}

/**
 * The contiguous buckets one (source, fact) statement must cover: from the earliest any of its indicators
 * needs (a year earlier for 同比, earlier buckets for running totals) to the latest. Beyond MAX_BUCKETS the
 * request is refused with a coded error naming the indicators and what to do.
 */
function statementBuckets(group: LeafNeed[], request: ValuesRequest, calendar: CalendarOptions): Period[] {
  const all = group.flatMap((n) => [...n.buckets.values()]).sort((a, b) => a.from.localeCompare(b.from));
  try {
    return bucketsBetween(all[0]!, all[all.length - 1]!, request.grain, calendar, MAX_BUCKETS);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const span = `${all[0]!.label} to ${all[all.length - 1]!.label}`;
    throw new HubError(
      'BAD_USER_INPUT',
      `At ${request.grain} grain the inputs of the requested indicators span ${span} (the ${request.buckets.length} periods asked for plus those they compare with or accumulate: a year earlier, the previous period, the start of the year), more than the ${MAX_BUCKETS} periods one statement may cover: use a coarser grain or a shorter run.`,
      { argument: 'grain', limit: 'periods', max: MAX_BUCKETS, http: { status: 400 } },
    );
  }
}

function tooManyRows(source: string, fact: string, maxRows: number): HubError {
  return new HubError(
    'TOO_MANY_ROWS',
    `The ${source} statement for ${fact} returned more than ${maxRows} rows, the most one statement may return: use a coarser grain, a shorter run, fewer members (filters) or no grouping.`,
    { source, limit: 'statementRows', max: maxRows, http: { status: 400 } },
  );
}
