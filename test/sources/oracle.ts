import type { EntityName, FieldType } from '../../src/model/entities';
import { ENTITIES } from '../support/demo-model';
import type { AggregateQuery, AggregateRow, NeutralRow, SourceScope } from '../../src/sources/contract';
import type { NativeRow } from '../../src/seed/definition';
import type { SqlFactMapping, SqlMeasure, SqlSourceMapping } from '../../src/model/mapping';

/**
 * The conformance suite's oracle: what an adapter must answer, computed in plain JS from the native rows
 * the databases were seeded with, read through the source's mapping. It shares no code with the adapter
 * (no SQL, no normalisation helpers): if both agree, they agree independently.
 *
 * Results are sets; both sides are put in canonical order (by key, by dimension values) before comparing.
 */
export interface SourceData {
  mapping: SqlSourceMapping;
  /** Table name → the native rows it was seeded with. */
  tables: Record<string, readonly NativeRow[]>;
}

export interface RowFilter {
  where?: { field: string; keys: readonly string[] } | undefined;
  scope?: SourceScope | undefined;
}

/** The neutral rows a fetch of `entity` must return (ignoring order and paging). Shared: do not mutate. */
export function expectedRows(data: SourceData, entity: EntityName, filter: RowFilter = {}): readonly NeutralRow[] {
  return remember(data, ['rows', entity, filter], () => computeRows(data, entity, filter));
}

/** The rows an aggregate must return: one per group of dimension values present in the filtered rows. Shared: do not mutate. */
export function expectedAggregate(
  data: SourceData,
  query: AggregateQuery,
  scope: SourceScope = {},
): readonly AggregateRow[] {
  return remember(data, ['aggregate', query, scope], () => computeAggregate(data, query, scope));
}

function computeRows(data: SourceData, entity: EntityName, filter: RowFilter): NeutralRow[] {
  const m = data.mapping.entities[entity];
  if (!m) throw new Error(`oracle: ${entity} is not mapped`);
  const where = filter.where;
  const whereColumn = where && (where.field === 'key' ? (m.key as string) : m.fields[where.field]);
  const whereKeys = where && keySet(where.keys);
  const inScope = entityScope(data, entity, filter.scope);
  return nativeRows(data, m.table)
    .filter((row) => !whereKeys || (whereColumn !== undefined && matches(row[whereColumn], whereKeys)))
    .filter(inScope)
    .map((row) => {
      const out: NeutralRow = { key: String(row[m.key as string]) };
      for (const [field, column] of Object.entries(m.fields))
        out[field] = conformed(row[column], ENTITIES[entity]!.fields[field]!);
      return out;
    })
    .sort(byKey);
}

function computeAggregate(data: SourceData, query: AggregateQuery, scope: SourceScope): AggregateRow[] {
  const f = data.mapping.facts[query.fact];
  if (!f) throw new Error(`oracle: fact ${query.fact} is not mapped`);
  const windows = windowsOf(f, query);
  const predicates = [
    ...Object.entries(query.where ?? {}).map(([dim, keys]): Predicate => {
      const set = keySet(keys);
      return (row) => matches(row[f.dimensions[dim]!.column], set);
    }),
    factScope(f, scope),
  ];
  const groups = new Map<string, { dimensions: Record<string, string | null>; rows: NativeRow[] }>();
  for (const row of nativeRows(data, f.table).filter((r) => predicates.every((p) => p(r)))) {
    for (const period of windows(row)) {
      const dimensions: Record<string, string | null> = Object.fromEntries(
        query.groupBy.map((dim) => [dim, textOrNull(row[f.dimensions[dim]!.column])]),
      );
      if (period !== undefined) dimensions.period = period;
      const id = JSON.stringify(dimensions);
      if (!groups.has(id)) groups.set(id, { dimensions, rows: [] });
      groups.get(id)!.rows.push(row);
    }
  }
  return [...groups.values()]
    .map(({ dimensions, rows }) => ({
      dimensions,
      measures: Object.fromEntries(query.measures.map((name) => [name, measureOf(f.measures[name]!, rows)])),
    }))
    .sort(byDimensions);
}

export function byKey(a: NeutralRow, b: NeutralRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function byDimensions(a: AggregateRow, b: AggregateRow): number {
  const x = JSON.stringify(a.dimensions);
  const y = JSON.stringify(b.dimensions);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function nativeRows(data: SourceData, table: string): readonly NativeRow[] {
  const rows = data.tables[table];
  if (!rows) throw new Error(`oracle: no seeded table "${table}" (seeded: ${Object.keys(data.tables).join(', ')})`);
  return rows;
}

// ---- helpers ----

type Predicate = (row: NativeRow) => boolean;

/** Seed values are already canonical text (ISO dates, money with two places); only ints change form. */
function conformed(value: unknown, type: FieldType): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (type === 'int') return Number(value);
  if (type === 'bool') return Boolean(value);
  return String(value);
}

function keySet(keys: readonly (string | number)[]): ReadonlySet<string> {
  return new Set(keys.map(String));
}

function matches(value: unknown, keys: ReadonlySet<string>): boolean {
  return value !== null && value !== undefined && keys.has(String(value));
}

const memo = new WeakMap<SourceData, Map<string, unknown>>();

/** The suite asks the same questions on every engine: answer each once per source. */
function remember<T>(data: SourceData, question: unknown[], answer: () => T): T {
  const answers = memo.get(data) ?? new Map<string, unknown>();
  memo.set(data, answers);
  const key = JSON.stringify(question);
  if (!answers.has(key)) answers.set(key, answer());
  return answers.get(key) as T;
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A department scope as the hub sends it: one grant ruling the source's departments. */
export const departmentScope = (keys: readonly string[]): SourceScope => ({ any: [{ Department: keys }] });

type Tie = { column: string; keys: ReadonlySet<string> } | { column: string; reachable: () => ReadonlySet<string> };

/**
 * Row scope of an entity, derived from the model here on its own terms: a ruled entity by its key; any
 * other by its reference columns to ruled entities; holding none, through a referenced entity mapped in
 * the same source (its rows that pass). Grants OR-ed, ties AND-ed; a grant with no tie lets all through.
 */
export function entityTies(
  data: SourceData,
  entity: EntityName,
  grant: Readonly<Record<string, readonly string[]>>,
  hop = true,
): Tie[] {
  const m = data.mapping.entities[entity]!;
  const key = m.key as string; // the demo's entities have one-column keys
  if (grant[entity]) return [{ column: key, keys: keySet(grant[entity]) }];
  const refs = Object.entries(m.fields).flatMap(([field, column]) => {
    const type = ENTITIES[entity]!.fields[field];
    return typeof type === 'object' ? [[column, type.ref] as const] : [];
  });
  const direct: Tie[] = refs.flatMap(([column, ref]) => (grant[ref] ? [{ column, keys: keySet(grant[ref]) }] : []));
  if (direct.length || !hop) return direct;
  return refs.flatMap(([column, ref]): Tie[] => {
    const other = data.mapping.entities[ref];
    const ties = ref === entity || !other ? [] : entityTies(data, ref, grant, false);
    if (!ties.length) return [];
    return [
      {
        column,
        reachable: () =>
          keySet(
            nativeRows(data, other!.table)
              .filter((row) => passes(row, ties))
              .map((row) => String(row[other!.key as string])),
          ),
      },
    ];
  });
}

function passes(row: NativeRow, ties: readonly Tie[]): boolean {
  return ties.every((t) => matches(row[t.column], 'keys' in t ? t.keys : t.reachable()));
}

function entityScope(data: SourceData, entity: EntityName, scope: SourceScope | undefined): Predicate {
  if (!scope?.any) return () => true;
  const grants = scope.any.map((g) => entityTies(data, entity, g));
  if (grants.some((ties) => ties.length === 0)) return () => true;
  return (row) => grants.some((ties) => passes(row, ties));
}

function factScope(f: SqlFactMapping, scope: SourceScope | undefined): Predicate {
  if (!scope?.any) return () => true;
  const grants = scope.any.map((g) =>
    Object.values(f.dimensions).flatMap((d): Tie[] =>
      d.entity && g[d.entity] ? [{ column: d.column, keys: keySet(g[d.entity]!) }] : [],
    ),
  );
  if (grants.some((ties) => ties.length === 0)) return () => true;
  return (row) => grants.some((ties) => passes(row, ties));
}

/**
 * The windows a row counts in (labels), or [undefined] without windows (and for a snapshot fact, which
 * has no time). Event facts: the window its time is in, [from, to) — a `yyyymm` period counts when its
 * first day is in the window. State facts: every window it is valid at the end of: from < window.to and
 * (to is null or to >= window.to).
 */
function windowsOf(f: SqlFactMapping, query: AggregateQuery): (row: NativeRow) => Array<string | undefined> {
  const buckets = query.buckets?.length ? query.buckets : undefined;
  if (buckets && f.time) {
    const { column, format } = f.time;
    const dayOf = (value: unknown) =>
      format === 'yyyymm' ? `${String(value).slice(0, 4)}-${String(value).slice(4, 6)}-01` : String(value);
    return (row) =>
      buckets.filter((b) => dayOf(row[column]) >= b.from && dayOf(row[column]) < b.to).map((b) => b.label);
  }
  if (buckets && f.validity) {
    const { from, to } = f.validity;
    return (row) =>
      buckets
        .filter((b) => String(row[from]) < b.to && (row[to] === null || String(row[to]) >= b.to))
        .map((b) => b.label);
  }
  return () => [undefined];
}

/** SQL semantics: a filter is CASE WHEN (non-matching rows become NULL); aggregates skip NULLs;
 *  sum/avg/min/max over no values are NULL, counts 0. Decimals are exact strings. */
function measureOf(m: SqlMeasure, rows: readonly NativeRow[]): string | number | null {
  const filters = Object.entries(m.filter ?? {}).map(([column, values]) => [column, keySet(values)] as const);
  const counted = rows.filter((row) => filters.every(([column, values]) => matches(row[column], values)));
  const values = m.column ? counted.map((row) => row[m.column!]).filter((v) => v !== null && v !== undefined) : counted;
  if (m.agg === 'count') return values.length;
  if (m.agg === 'count_distinct') return new Set(values.map(String)).size;
  if (values.length === 0) return null;
  const hundredths = values.map(toHundredths);
  const total = hundredths.reduce((s, v) => s + v, 0n);
  // The adapter divides the exact sum by the count at AVERAGE_SCALE (12) places.
  if (m.agg === 'avg') return typed(m, divideHalfUp(total * 10_000_000_000n, BigInt(hundredths.length)), 12);
  if (m.agg === 'min')
    return typed(
      m,
      hundredths.reduce((a, b) => (b < a ? b : a)),
      2,
    );
  if (m.agg === 'max')
    return typed(
      m,
      hundredths.reduce((a, b) => (b > a ? b : a)),
      2,
    );
  return typed(m, total, 2);
}

function typed(m: SqlMeasure, units: bigint, scale: number): string | number {
  const text = fixed(units, scale);
  return m.type === 'int' ? Number(text) : text;
}

/** "1234.5" / "1234.50" / 1234 → 123450n; anything else is a seed the oracle does not understand. */
function toHundredths(value: unknown): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!match) throw new Error(`oracle: expected a number with at most two decimals, received ${JSON.stringify(value)}`);
  const units = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -units : units;
}

function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** Scaled integer → exact decimal text with `scale` places. */
function fixed(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  return `${units < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
