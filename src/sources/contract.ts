import type { StatementSink } from '../observability/trace';
import type { EntityName } from '../model/entities';

/**
 * The source adapter contract: a small set of operations every source implements (after Cube's driver
 * interface). Every value crosses this boundary in the neutral shape — conformed field names and
 * normalised values — so the hub never sees a source's own column names. Every statement the hub sends to
 * a company's database is one of these operations, so each passes the same circuit breaker
 * (src/sources/resilience), statement trace, timeout and fingerprint.
 *
 * Keys in and out are the SOURCE's own keys (e.g. HR "ORG-17"); the hub translates them to hub ids
 * through the key map (src/keys/keymap.ts) before and after calling an adapter.
 */
export interface SourceAdapter {
  readonly name: string;
  /** What this source offers: which entities, fields, facts and measures it maps. */
  readonly catalog: SourceCatalog;
  /** One cheap round trip; never throws. */
  health(): Promise<SourceHealth>;
  /** Entity rows, optionally only those whose `where.field` is one of `where.keys` (batched loads). */
  fetch(query: FetchQuery, call: CallContext): Promise<NeutralRow[]>;
  /** Measures aggregated in the source (GROUP BY pushed down), one statement per call. */
  aggregate(query: AggregateQuery, call: CallContext): Promise<AggregateRow[]>;
  /** The (source key, hub id) pairs one crosswalk rule reads from this source, one statement; pairs with a
   *  null side are left out, a crosswalk table's repeated rows returned once. */
  keyPairs(query: KeyPairQuery, call: CallContext): Promise<KeyPair[]>;
  /** The rows of an entity this source maps (within the call's scope), one `count(*)` statement. */
  count(query: CountQuery, call: CallContext): Promise<number>;
  close(): Promise<void>;
}

export interface SourceCatalog {
  entities: Partial<Record<EntityName, { fields: readonly string[] }>>;
  facts: Record<string, FactCatalog>;
}

export interface FactCatalog {
  /** event: rows in time; state: rows valid from/to; snapshot: neither (the current value, at any date). */
  kind: 'event' | 'state' | 'snapshot';
  dimensions: readonly string[];
  measures: Record<
    string,
    {
      agg: 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max';
      type: 'decimal' | 'int';
      /** A distinct count of a dimension's own key (paying customers: distinct customer ids): each value
       *  belongs to one member of that dimension, so members' counts add up without counting one twice. */
      distinctOf?: string;
    }
  >;
}

export interface SourceHealth {
  source: string;
  ok: boolean;
  latencyMs: number;
  /** Safe to show: never a host, URL or driver message. */
  message?: string;
  /** Circuit breaker state, when the adapter has one. */
  breaker?: 'closed' | 'open' | 'half-open';
}

/** A neutral row: `key` is the source key; reference fields hold the referenced entity's source key. */
export interface NeutralRow {
  key: string;
  [field: string]: string | number | boolean | null;
}

export interface FetchQuery {
  entity: EntityName;
  /** Only rows whose field (`key` or a conformed field name) is one of these source keys/values. */
  where?: { field: string; keys: readonly string[] };
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

export interface AggregateQuery {
  fact: string;
  measures: readonly string[];
  /** Dimension names of the fact to group by. */
  groupBy: readonly string[];
  /** Restrict dimensions to these source keys (e.g. the batch of departments a request asked for). */
  where?: Readonly<Record<string, readonly string[]>>;
  /**
   * The time model, one for every kind of fact: rows are grouped by labelled half-open windows [from, to)
   * and the label comes back as the dimension "period". Event facts: a row counts in the window its time
   * falls in (windows must not overlap). State facts (valid from/to): a row counts in every window it is
   * valid at the end of (valid from < to, and valid to null or >= to), i.e. on the window's last day.
   * Snapshot facts have no time: buckets are ignored and every row counts. The hub computes the windows
   * (fiscal calendars, weeks, an opening window for running totals), so every source buckets alike and
   * one statement covers any number of periods. Without buckets no time filter applies.
   */
  buckets?: readonly TimeBucket[];
  /** At most this many rows (pushed into the statement); the caller asks for one more than it accepts to
   *  tell "exactly at the cap" from "over it". */
  limit?: number;
}

/**
 * Where one crosswalk rule (src/model/crosswalk.ts) finds its pairs in this source: `same` — the key of
 * `entity` here is its hub id; `expression` — a validated SQL expression of the model over the entity's
 * table gives the hub id; `table` — a crosswalk table of this source holds both (its `sourceKey` and `hubId`
 * columns; `entity` then names whose pairs they are).
 */
export interface KeyPairQuery {
  entity: EntityName;
  rule:
    | { kind: 'same' }
    | { kind: 'expression'; sql: string }
    | { kind: 'table'; table: string; sourceKey: string; hubId: string };
}

/** A source key and the hub id it stands for. */
export interface KeyPair {
  sourceKey: string;
  hubId: string;
}

export interface CountQuery {
  entity: EntityName;
  /** As FetchQuery's: only rows whose field is one of these source keys. */
  where?: { field: string; keys: readonly string[] };
}

export interface TimeBucket {
  label: string;
  from: string;
  to: string;
}

export interface AggregateRow {
  /** Dimension name → source key (or null). */
  dimensions: Record<string, string | null>;
  /** Measure name → exact decimal string (sums, averages) or integer (counts). */
  measures: Record<string, string | number | null>;
}

/**
 * What every call carries besides the query: the viewer's row scope already translated into this
 * source's keys, and the sink that counts statements for the request's trace and /metrics.
 */
export interface CallContext {
  scope: SourceScope;
  trace: StatementSink;
}

/**
 * Row scope in this source's keys: `any` undefined means unrestricted; otherwise a row is visible when it
 * passes ANY of the grants (one per group of roles, src/auth/viewer.ts). A grant maps ruled entities to the
 * source keys visible of each: a row of a ruled entity passes when its key is listed; any other row when
 * every reference it holds to a ruled entity is listed (one hop further through an entity of the same
 * source when it holds none directly); a row tied to no ruled entity passes. Every adapter statement
 * applies it, so no path can return an out-of-scope row.
 */
export interface SourceScope {
  any?: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
}

/** Statements are counted where they run (src/observability/trace.ts): every adapter call records one. */
export type { StatementEvent, StatementSink } from '../observability/trace';

export const UNRESTRICTED: SourceScope = Object.freeze({});
