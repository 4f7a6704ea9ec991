import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import type { CompanyModel, EntityModel, EntityName, FieldType } from '../../model/entities';
import type {
  AggregateQuery,
  AggregateRow,
  CallContext,
  CountQuery,
  FetchQuery,
  KeyPair,
  KeyPairQuery,
  NeutralRow,
  SourceAdapter,
  SourceCatalog,
  SourceHealth,
  SourceScope,
  StatementEvent,
  TimeBucket,
} from '../contract';
import { sourceFailure, unknownName } from '../errors';
import { from, type SqlConnection } from '../../db/connection';
import type { Dialect, KeyType } from '../../db/dialect';
import {
  keyColumns,
  type SqlEntityMapping,
  type SqlFactMapping,
  type SqlMeasure,
  type SqlSourceMapping,
} from '../../model/mapping';
import { decodeKey, encodeKey } from '../../values/composite-key';
import { ScopeSql } from './scope';
import { Decimal } from '../../values/decimal';
import { decimalString, normalizeValue } from './normalize';
import { timeBound } from './time';
import { validateMapping } from '../../model/validate-mapping';
import { rewriteColumns } from '../../values/expression';
import { HubError } from '../../errors';
import { compileOnce } from './compile-once';

/**
 * The generic SQL adapter: the whole contract implemented from a mapping, for every engine of the registry
 * (src/db/dialects): what differs between them is asked of the connection's dialect. A source folder normally
 * only supplies its mapping. Values are always bound; identifiers only ever come from the validated mapping.
 */
export class SqlAdapter implements SourceAdapter {
  readonly catalog: SourceCatalog;
  private readonly scopes: ScopeSql;

  constructor(
    readonly name: string,
    private readonly mapping: SqlSourceMapping,
    private readonly conn: SqlConnection,
    /** The model's entities: field types for normalising values. */
    private readonly model: Pick<CompanyModel, 'entities'>,
  ) {
    validateMapping(name, mapping, model);
    this.catalog = catalogOf(mapping);
    this.scopes = new ScopeSql(mapping, model, (table) => from(conn, table));
  }

  async health(): Promise<SourceHealth> {
    const started = performance.now();
    try {
      const probe = this.conn.knex.raw('select 1 as ok');
      // A hung server must not hang readiness: the probe gives up after 2 s at most.
      await (this.conn.statementTimeoutMs
        ? probe.timeout(Math.min(2000, this.conn.statementTimeoutMs), { cancel: true })
        : probe);
      return { source: this.name, ok: true, latencyMs: elapsed(started) };
    } catch {
      return { source: this.name, ok: false, latencyMs: elapsed(started), message: 'not reachable' };
    }
  }

  async fetch(query: FetchQuery, call: CallContext): Promise<NeutralRow[]> {
    const entity = this.entityMapping(query.entity);
    const model = this.model.entities[query.entity]!;
    const fields = [...Object.keys(entity.fields), ...Object.keys(entity.expressions ?? {})];
    const types = fields.map((f) => model.fields[f]!);
    const neutral = (rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i++) rows[i] = neutralRow(model, entity, fields, types, rows[i]!);
      return rows as NeutralRow[];
    };
    return this.run('fetch', this.buildFetch(query, call.scope), call, neutral);
  }

  async aggregate(query: AggregateQuery, call: CallContext): Promise<AggregateRow[]> {
    const fact = this.factMapping(query.fact);
    const neutral = (rows: Record<string, unknown>[]) => this.aggregateRows(query, fact, rows);
    return this.run('aggregate', this.buildAggregate(query, call.scope), call, neutral);
  }

  /**
   * The statement's rows in the neutral shape: a state fact's columns per window become rows per window.
   * Plain loops over names resolved once per statement (a dashboard reads tens of thousands of rows).
   */
  private aggregateRows(query: AggregateQuery, fact: SqlFactMapping, rows: Record<string, unknown>[]): AggregateRow[] {
    const buckets = query.buckets?.length && (fact.time || fact.validity) ? query.buckets : undefined;
    const text = (v: unknown) => (v == null ? null : String(v));
    const groupBy = query.groupBy;
    const names = query.measures;
    const mappings = names.map((m) => fact.measures[m]!);
    const dimensionsOf = (row: Record<string, unknown>) => {
      const out: Record<string, string | null> = {};
      for (const d of groupBy) out[d] = text(row[d]);
      return out;
    };
    const measuresOf = (row: Record<string, unknown>, aliases: readonly string[]) => {
      const out: AggregateRow['measures'] = {};
      for (let j = 0; j < names.length; j++) {
        const m = names[j]!;
        try {
          out[m] = measureValue(mappings[j]!, aliases[j]!, row);
        } catch (error) {
          throw inexactValue(this.name, query.fact, m, mappings[j]!, row[aliases[j]!], error);
        }
      }
      return out;
    };
    if (!buckets || fact.time) {
      // A row outside every window (between two windows that do not touch) counts in none.
      const out: AggregateRow[] = [];
      for (const row of rows) {
        if (buckets && row.period == null) continue;
        const dimensions = dimensionsOf(row);
        if (buckets) dimensions.period = text(row.period);
        out.push({ dimensions, measures: measuresOf(row, names) });
      }
      return out;
    }
    // A state fact's statement has one column per (window, measure): one row per window with valid rows.
    const windows = buckets.map((b, i) => ({
      label: b.label,
      rows: stateAlias(i, ROWS),
      aliases: names.map((m) => stateAlias(i, m)),
    }));
    const out: AggregateRow[] = [];
    for (const row of rows) {
      for (const w of windows) {
        if (Number(row[w.rows] ?? 0) === 0) continue;
        const measures = measuresOf(row, w.aliases);
        const dimensions = dimensionsOf(row);
        dimensions.period = w.label;
        out.push({ dimensions, measures });
      }
    }
    return query.limit === undefined ? out : out.slice(0, query.limit);
  }

  async keyPairs(query: KeyPairQuery, call: CallContext): Promise<KeyPair[]> {
    const rows = await this.run('key-pairs', this.buildKeyPairs(query), call, (r) => r);
    const out: KeyPair[] = [];
    for (const r of rows) {
      if (r.source_key === null || r.source_key === undefined || r.hub_id === null || r.hub_id === undefined) continue;
      out.push({ sourceKey: String(r.source_key), hubId: String(r.hub_id) });
    }
    return out;
  }

  async count(query: CountQuery, call: CallContext): Promise<number> {
    const [row] = await this.run('count', this.buildCount(query, call.scope), call, (r) => r);
    return Number(row?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.conn.close();
  }

  /**
   * The statement of a crosswalk rule's pairs, as `source_key` and `hub_id`: a crosswalk table's distinct
   * pairs, or the entity's key beside itself or beside the rule's expression (validated with the model,
   * src/values/expression.ts, never from a request). Unscoped: the key map serves every viewer.
   */
  buildKeyPairs(query: KeyPairQuery): Knex.QueryBuilder {
    const raw = (sql: string, bindings: readonly string[]) => this.conn.knex.raw(sql, bindings);
    const rule = query.rule;
    if (rule.kind === 'table') {
      const pair = [raw('?? as source_key', [rule.sourceKey]), raw('?? as hub_id', [rule.hubId])];
      return from(this.conn, rule.table).distinct(...pair);
    }
    const m = this.entityMapping(query.entity);
    // Conformed entities have one-column keys (a composite key is refused for them at load).
    const key = keyColumns(m)[0]!;
    const hub = rule.kind === 'expression' ? raw(`(${rule.sql}) as hub_id`, []) : raw('?? as hub_id', [key]);
    return from(this.conn, m.table).select(raw('?? as source_key', [key]), hub);
  }

  /** `select count(*) as n` over an entity's table, within the scope. */
  buildCount(query: CountQuery, scope: SourceScope): Knex.QueryBuilder {
    const m = this.entityMapping(query.entity);
    const builder = from(this.conn, m.table).count({ n: '*' });
    this.whereKeys(builder, query.entity, m, query.where);
    this.scopes.entity(builder, query.entity, scope);
    return builder;
  }

  /**
   * Only rows whose field (`key` or a conformed field) is one of `where.keys`: the keys in one bound
   * parameter (Dialect.keysIn), so a lookup is one statement of one shape however many keys it carries.
   */
  private whereKeys(
    builder: Knex.QueryBuilder,
    entity: EntityName,
    m: SqlEntityMapping,
    where: FetchQuery['where'],
  ): void {
    if (!where) return;
    const keys = keyColumns(m);
    const model = this.model.entities[entity]!;
    if (where.field === 'key' && keys.length > 1) {
      // A composite key: one JSON array of its parts per key (PostgreSQL and MariaDB alike).
      const tuples = where.keys.flatMap((key) => {
        const parts = decodeKey(key, keys.length);
        return Array.isArray(parts) ? [parts] : [];
      });
      const types = (model.key.parts ?? []).map((part) => this.keyType(model.fields[part]));
      const { sql, bindings } = this.conn.dialect.keysIn(keys, types, tuples);
      builder.whereRaw(sql, bindings as Knex.Value[]);
      return;
    }
    const column = this.entityColumn(entity, m, where.field);
    // An expression field (rare as a lookup field) keeps its IN list.
    if (typeof column !== 'string') {
      builder.whereIn(column as unknown as string, [...where.keys]);
      return;
    }
    const type =
      where.field === 'key' ? (model.key.type === 'int' ? 'int' : 'text') : this.keyType(model.fields[where.field]);
    const { sql, bindings } = this.conn.dialect.keysIn(
      [column],
      [type],
      where.keys.map((k) => [k]),
    );
    builder.whereRaw(sql, bindings as Knex.Value[]);
  }

  /** How a field's values are bound as keys: a reference as the referenced entity's key. */
  private keyType(type: FieldType | undefined): KeyType {
    if (type === undefined) return 'text';
    if (typeof type === 'object') return this.model.entities[type.ref]?.key.type === 'int' ? 'int' : 'text';
    return type === 'string' ? 'text' : type;
  }

  /** The statement for a fetch, without running it (DB-less SQL tests use this). */
  buildFetch(query: FetchQuery, scope: SourceScope): Knex.QueryBuilder {
    const m = this.entityMapping(query.entity);
    const keys = keyColumns(m);
    // A composite key comes back as key__0, key__1… and is encoded into one key by neutralRow.
    const keySelects =
      typeof m.key === 'string' ? [`${m.key} as key`] : keys.map((column, i) => `${column} as key__${i}`);
    const columns = [...keySelects, ...Object.entries(m.fields).map(([field, column]) => `${column} as ${field}`)];
    const builder = from(this.conn, m.table).select(columns);
    // Expressions come from the validated model only (src/values/expression.ts), never from a request.
    for (const [field, sql] of Object.entries(m.expressions ?? {}))
      builder.select(this.conn.knex.raw(`(${sql}) as ??`, [field]));
    // knex wraps a Raw column like a name (its types only admit strings here).
    this.whereKeys(builder, query.entity, m, query.where);
    this.scopes.entity(builder, query.entity, scope);
    const order = query.orderBy ?? { field: m.orderBy ?? 'key', direction: 'asc' as const };
    if (order.field === 'key') keys.forEach((column) => builder.orderBy(column, order.direction));
    else {
      builder.orderBy(this.entityColumn(query.entity, m, order.field), order.direction);
      keys.forEach((column) => builder.orderBy(column, 'asc'));
    }
    if (query.limit !== undefined) builder.limit(query.limit);
    if (query.offset) builder.offset(query.offset);
    return builder;
  }

  /** The single GROUP BY statement for an aggregate, without running it. */
  buildAggregate(query: AggregateQuery, scope: SourceScope): Knex.QueryBuilder {
    const f = this.factMapping(query.fact);
    const knex = this.conn.knex;
    const builder = from(this.conn, f.table);
    // Joined tables are inside the same source (withSchema qualifies them too).
    for (const join of f.joins ?? []) {
      builder.join(join.table, (on) => {
        for (const [left, right] of Object.entries(join.on)) on.on(`${f.table}.${left}`, '=', `${join.table}.${right}`);
      });
    }
    for (const dim of query.groupBy) {
      const column = this.dimensionColumn(query.fact, f, dim);
      builder.select(knex.ref(column).as(dim)).groupBy(column);
    }
    const measureOf = (name: string) => {
      const measure = f.measures[name];
      if (!measure) throw unknownName(this.name, `measure of fact "${query.fact}"`, name, Object.keys(f.measures));
      return measure;
    };
    // A snapshot (neither time nor validity) counts every row at any date: buckets do not apply.
    const buckets = query.buckets?.length ? query.buckets : undefined;
    if (buckets && f.validity) {
      const measures = query.measures.map((name) => [name, measureOf(name)] as const);
      this.applyValidity(builder, f.validity, measures, buckets, f.storage);
    } else {
      for (const name of query.measures) {
        const selects = measureSelects(measureOf(name), name, this.conn.dialect, undefined, f.storage);
        for (const { sql, bindings } of selects) builder.select(knex.raw(sql, bindings));
      }
    }
    for (const [dim, keys] of Object.entries(query.where ?? {})) {
      builder.whereIn(this.dimensionColumn(query.fact, f, dim), [...keys]);
    }
    if (buckets && f.time) this.applyBuckets(builder, query.fact, f, buckets);
    this.scopes.fact(builder, f, scope);
    for (const dim of query.groupBy) builder.orderBy(this.dimensionColumn(query.fact, f, dim));
    if (query.limit !== undefined) builder.limit(query.limit);
    return builder;
  }

  /**
   * A state fact in windows: a row counts in every window it is valid at the end of, so windows cannot be
   * a grouping column (one row falls in several). Each (window, measure) is its own conditional aggregate
   * (`sum(case when from < ? and (to is null or to >= ?) then amount end)`) beside a count of the window's
   * valid rows; aggregate() turns the columns back into one row per window. Rows valid at no window's end
   * are filtered out first.
   */
  private applyValidity(
    builder: Knex.QueryBuilder,
    validity: { from: string; to: string },
    measures: ReadonlyArray<readonly [string, SqlMeasure]>,
    buckets: readonly TimeBucket[],
    storage?: SqlFactMapping['storage'],
  ): void {
    const knex = this.conn.knex;
    buckets.forEach((b, i) => {
      const valid = {
        sql: '?? < ? and (?? is null or ?? >= ?)',
        bindings: [validity.from, b.to, validity.to, validity.to, b.to],
      };
      builder.select(
        knex.raw(`count(case when ${valid.sql} then 1 end) as ??`, [...valid.bindings, stateAlias(i, ROWS)]),
      );
      for (const [name, measure] of measures) {
        const selects = measureSelects(measure, stateAlias(i, name), this.conn.dialect, valid, storage);
        for (const { sql, bindings } of selects) builder.select(knex.raw(sql, bindings));
      }
    });
    const ends = buckets.map((b) => b.to).sort();
    builder.where(validity.from, '<', ends[ends.length - 1]!);
    builder.where((q) => q.whereNull(validity.to).orWhere(validity.to, '>=', ends[0]!));
  }

  /** `case when t >= ? and t < ? then ? … end as period`, grouped, and the overall window as a filter. */
  private applyBuckets(
    builder: Knex.QueryBuilder,
    factName: string,
    f: SqlFactMapping,
    buckets: readonly TimeBucket[],
  ): void {
    if (!f.time) throw unknownName(this.name, 'time column of fact', factName, []);
    const format = f.time.format ?? 'date';
    const column = f.time.column;
    const bounds = buckets.map((b) => [timeBound(b.from, format), timeBound(b.to, format), b.label] as const);
    const sql = `case ${bounds.map(() => 'when ?? >= ? and ?? < ? then ?').join(' ')} end`;
    const bindings = bounds.flatMap(([from, to, label]) => [column, from, column, to, label]);
    builder.select(this.conn.knex.raw(`${sql} as ??`, [...bindings, 'period']));
    // Group by the output alias: PostgreSQL would not match a second, differently numbered copy of the CASE.
    builder.groupBy('period');
    builder.where(
      column,
      '>=',
      bounds.reduce((min, b) => (b[0] < min ? b[0] : min), bounds[0]![0]),
    );
    builder.where(
      column,
      '<',
      bounds.reduce((max, b) => (b[1] > max ? b[1] : max), bounds[0]![1]),
    );
  }

  /** Runs a statement and records it on the call's trace with the number of rows it answers (`convert`'s). */
  private async run<T>(
    kind: StatementEvent['kind'],
    builder: Knex.QueryBuilder,
    call: CallContext,
    convert: (rows: Record<string, unknown>[]) => T[],
  ): Promise<T[]> {
    const started = performance.now();
    // The server cancels at statementTimeoutMs; the client gives up a second later (a stalled network).
    if (this.conn.statementTimeoutMs) builder.timeout(this.conn.statementTimeoutMs + 1000, { cancel: true });
    // Compiled once: the fingerprint is read from the statement that then runs.
    const fingerprint = fingerprintOf(compileOnce(builder).sql);
    try {
      const rows = convert((await builder) as Record<string, unknown>[]);
      call.trace.record({
        source: this.name,
        kind,
        fingerprint,
        durationMs: elapsed(started),
        rows: rows.length,
        ok: true,
      });
      return rows;
    } catch (error) {
      call.trace.record({ source: this.name, kind, fingerprint, durationMs: elapsed(started), rows: 0, ok: false });
      if (error instanceof HubError) throw error;
      throw sourceFailure(this.name, fingerprint, error, this.conn.dialect.classify(error));
    }
  }

  private entityMapping(entity: EntityName): SqlEntityMapping {
    const m = this.mapping.entities[entity];
    if (!m) throw unknownName(this.name, 'entity', entity, Object.keys(this.mapping.entities));
    return m;
  }

  private factMapping(fact: string): SqlFactMapping {
    const f = this.mapping.facts[fact];
    if (!f) throw unknownName(this.name, 'fact', fact, Object.keys(this.mapping.facts));
    return f;
  }

  private entityColumn(entity: EntityName, m: SqlEntityMapping, field: string): string | Knex.Raw {
    if (field === 'key' && typeof m.key === 'string') return m.key;
    const column = m.fields[field];
    if (column) return column;
    const sql = m.expressions?.[field];
    if (sql) return this.conn.knex.raw(`(${sql})`);
    throw unknownName(this.name, `field of ${entity}`, field, [
      'key',
      ...Object.keys(m.fields),
      ...Object.keys(m.expressions ?? {}),
    ]);
  }

  private dimensionColumn(fact: string, f: SqlFactMapping, dim: string): string {
    const d = f.dimensions[dim];
    if (!d) throw unknownName(this.name, `dimension of fact "${fact}"`, dim, Object.keys(f.dimensions));
    return d.column;
  }
}

function catalogOf(mapping: SqlSourceMapping): SourceCatalog {
  return {
    entities: Object.fromEntries(
      Object.entries(mapping.entities).map(([entity, m]) => [
        entity,
        { fields: [...Object.keys(m?.fields ?? {}), ...Object.keys(m?.expressions ?? {})] },
      ]),
    ),
    facts: Object.fromEntries(
      Object.entries(mapping.facts).map(([name, f]) => [
        name,
        {
          kind: f.time ? 'event' : f.validity ? 'state' : 'snapshot',
          // A bridge dimension is cut by like any other; the hub reaches it from its `through` dimension.
          dimensions: [...Object.keys(f.dimensions), ...Object.keys(f.bridges ?? {})],
          measures: Object.fromEntries(
            Object.entries(f.measures).map(([m, d]) => {
              const distinctOf =
                d.agg === 'count_distinct' && d.column && !d.filter
                  ? Object.entries(f.dimensions).find(([, dim]) => sameColumn(dim.column, d.column!, f.table))?.[0]
                  : undefined;
              return [m, { agg: d.agg, type: d.type, ...(distinctOf ? { distinctOf } : {}) }];
            }),
          ),
        },
      ]),
    ),
  };
}

/** `CustomerId` and `Invoice.CustomerId` name the same column of a fact whose table is Invoice. */
function sameColumn(a: string, b: string, table: string): boolean {
  const bare = (c: string) => (c.startsWith(`${table}.`) ? c.slice(table.length + 1) : c);
  return bare(a) === bare(b);
}

/**
 * A fetched row in the neutral shape. The statement selects exactly the key and the fields under their
 * own names, so a one-column key's row is normalised in place (a 10,000-row list copied 40,000 rows);
 * a composite key's parts (key__0, key__1…) are encoded into a new row.
 */
function neutralRow(
  entity: EntityModel,
  m: SqlEntityMapping,
  fields: readonly string[],
  types: readonly FieldType[],
  row: Record<string, unknown>,
): NeutralRow {
  const out = (typeof m.key === 'string' ? row : { key: compositeKeyOf(entity, row) }) as NeutralRow;
  if (typeof m.key === 'string') out.key = String(row.key);
  for (let i = 0; i < fields.length; i++) out[fields[i]!] = normalizeValue(row[fields[i]!], types[i]!);
  return out;
}

/** A composite key's columns (selected as key__0, key__1…) as one encoded key, each part in its canonical form. */
function compositeKeyOf(entity: EntityModel, row: Record<string, unknown>): string {
  const parts = entity.key.parts ?? [];
  return encodeKey(parts.map((part, i) => String(normalizeValue(row[`key__${i}`], entity.fields[part] ?? 'string'))));
}

const AGG_SQL: Record<SqlMeasure['agg'], (expr: string) => string> = {
  sum: (e) => `sum(${e})`,
  count: (e) => `count(${e})`,
  count_distinct: (e) => `count(distinct ${e})`,
  // An average is its exact sum over its count, divided in the hub (engines disagree on an average's scale).
  avg: (e) => `sum(${e})`,
  min: (e) => `min(${e})`,
  max: (e) => `max(${e})`,
};

/** Places of an average: its exact sum divided by its count, rounded half-up here and never again before display. */
export const AVERAGE_SCALE = 12;

/** The alias of an average's count, beside the measure's own column. */
const countAlias = (measure: string) => `${measure}__count`;

/** A state fact's column for window i: a measure, or ROWS (the window's valid rows). */
const ROWS = 'rows';
const stateAlias = (window: number, measure: string) => `w${window}__${measure}`;

/**
 * The measure's select expressions and bindings: `sum(amount)`, or with a filter
 * `sum(case when status in (?, ?) then amount end)`; a decimal column is first cast to an exact decimal
 * (exactCast). An average selects its sum and its count.
 */
function measureSelects(
  m: SqlMeasure,
  name: string,
  dialect: Dialect,
  condition?: { sql: string; bindings: readonly string[] },
  columns?: SqlFactMapping['storage'],
): Array<{ sql: string; bindings: Array<string | number> }> {
  // The measured value: a validated expression of the model (each stored column cast to an exact decimal
  // first: float × quantity must not multiply binary noise), or a bound column.
  const counted = m.type !== 'decimal' || m.agg === 'count' || m.agg === 'count_distinct';
  const storageOf = (column: string) => m.storage ?? storageOfColumn(columns, column);
  const inner =
    m.sql !== undefined
      ? `(${counted ? m.sql : rewriteColumns(m.sql, (c) => castStored(c, storageOf(c), dialect))})`
      : m.column
        ? '??'
        : undefined;
  const value = !inner
    ? m.filter || condition
      ? '1'
      : '*'
    : counted
      ? inner
      : m.sql !== undefined
        ? dialect.exactDecimal(inner, undefined)
        : castStored(inner, storageOf(m.column!), dialect);
  const filters = Object.entries(m.filter ?? {});
  const conditions = [
    ...filters.map(([, values]) => `?? in (${values.map(() => '?').join(', ')})`),
    ...(condition ? [condition.sql] : []),
  ];
  const filterBindings = [
    ...filters.flatMap(([column, values]) => [column, ...values]),
    ...(condition?.bindings ?? []),
  ];
  const bindings = [...filterBindings, ...(m.sql === undefined && m.column ? [m.column] : [])];
  const filtered = (expr: string) =>
    conditions.length === 0 ? expr : `case when ${conditions.join(' and ')} then ${expr} end`;
  const selects = [{ sql: `${AGG_SQL[m.agg](filtered(value))} as ??`, bindings: [...bindings, name] }];
  if (m.agg === 'avg')
    selects.push({ sql: `count(${filtered(inner ?? value)}) as ??`, bindings: [...bindings, countAlias(name)] });
  return selects;
}

/**
 * A stored column (or `??`) as an exact decimal, before any arithmetic or aggregate sees it (see
 * MeasureStorage): DECIMAL with a declared scale, FLOAT, text → cast(c as decimal(38, s)); integer cents →
 * cast(c * 0.01 as decimal(38, 2)); without a storage an exact column stays at its own scale
 * (Dialect.exactDecimal), and inside an expression a column without a storage is read as it is.
 */
function castStored(column: string, storage: SqlMeasure['storage'], dialect: Dialect): string {
  if (!storage) return column === '??' ? dialect.exactDecimal(column, undefined) : column;
  const scale = storage.scale;
  if (scale !== undefined && storage.kind === 'cents' && scale > 0) {
    return dialect.exactDecimal(`${column} * 0.${'0'.repeat(scale - 1)}1`, scale);
  }
  return dialect.exactDecimal(column, scale);
}

/** The fact's declared storage of a column, written qualified (`InvoiceLine.UnitPrice`) or not. */
function storageOfColumn(columns: SqlFactMapping['storage'], column: string): SqlMeasure['storage'] {
  if (!columns) return undefined;
  const bare = (c: string) => c.slice(c.lastIndexOf('.') + 1);
  return columns[column] ?? Object.entries(columns).find(([c]) => bare(c) === bare(column))?.[1];
}

/** Aggregates leave the adapter unrounded: exact decimal strings (at the scale the engine summed them at). */
function measureValue(m: SqlMeasure, name: string, row: Record<string, unknown>): string | number | null {
  const raw = row[name];
  if (raw === null || raw === undefined) return null;
  if (m.agg === 'count' || m.agg === 'count_distinct' || m.type === 'int') return Number(raw);
  const exact = Decimal.of(decimalString(raw));
  if (m.agg !== 'avg') return exact.toString();
  return exact.div(Decimal.of(decimalString(row[countAlias(name)])), AVERAGE_SCALE)?.toString() ?? null;
}

/**
 * A value the adapter cannot read exactly (a binary float where an exact decimal was expected): a coded
 * error naming the source, fact and measure, and the line of YAML that fixes it — never a crash.
 */
function inexactValue(
  source: string,
  fact: string,
  name: string,
  m: SqlMeasure,
  raw: unknown,
  cause: unknown,
): HubError {
  const float = typeof raw === 'number' && !Number.isInteger(raw);
  const what = float ? `the binary floating-point value ${String(raw)}` : `a value it cannot read as a decimal`;
  const where = m.sql !== undefined ? `every float column its expression reads` : `column ${m.column}`;
  return new HubError(
    'INEXACT_VALUE',
    `Source "${source}", fact "${fact}", measure "${name}": the database returned ${what}, which cannot be summed exactly. ` +
      `Declare how ${where} is stored in sources/${source}.yaml, e.g. facts.${fact}.measures.${name}.storage: { kind: float, scale: 2 } ` +
      `(or facts.${fact}.storage: { <column>: { kind: float, scale: 2 } }), with the decimal places the values really have.`,
    { source, fact, measure: name, reason: cause instanceof Error ? cause.name : 'value' },
  );
}

/** Statements grouped by shape: the SQL text with IN lists collapsed, hashed. Never the bindings. */
export function fingerprintOf(sql: string): string {
  const known = fingerprints.get(sql);
  if (known !== undefined) return known;
  const shape = sql.replace(/\?(\s*,\s*\?)+/g, '?');
  const fingerprint = createHash('sha256').update(shape).digest('hex').slice(0, 12);
  // The same statement text comes back request after request: its fingerprint is kept (bounded).
  if (fingerprints.size >= MAX_FINGERPRINTS_KEPT) fingerprints.clear();
  fingerprints.set(sql, fingerprint);
  return fingerprint;
}

const MAX_FINGERPRINTS_KEPT = 1000;
const fingerprints = new Map<string, string>();

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
