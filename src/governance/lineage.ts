import { badInput } from '../errors';
import { inputsOf } from '../indicators/graph';
import type { Dictionary, Indicator } from '../indicators/dictionary';
import { organisationOf, type CompanyModel } from '../model/entities';
import { keyColumns, type SqlFactMapping, type SqlSourceMapping } from '../model/mapping';

/**
 * Lineage (血缘), computed — never typed by hand — from the definitions and the source mappings:
 *
 * - upstream: the indicators an indicator is computed from, transitively, with every edge (code → inputs);
 * - columns: every source column the statements behind it read, with the role the column plays there:
 *   `measure` (aggregated), `time` (places a row in the period: time or validity columns), `dimension`
 *   (grouped or filtered by, for the dimensions the indicator may be cut by), `filter` (a measure's
 *   condition such as `status in (…)`, and the organisation unit's column row rules commonly filter on);
 * - reverse: the indicators that depend on an indicator (transitively, with the shortest path), and the
 *   indicators that read a source table or column.
 *
 * Value inputs (numerator, denominator, formula refs, base) carry data. Declared drivers and alert rules
 * that compare with another indicator only *refer* to it: they are dependents (a change can break them)
 * but not upstream (they do not feed the value).
 */
export type ColumnRole = 'measure' | 'time' | 'dimension' | 'filter';
const ROLE_ORDER: readonly ColumnRole[] = ['measure', 'time', 'dimension', 'filter'];

export type Mappings = Readonly<Record<string, SqlSourceMapping>>;

const modelMappings = new WeakMap<CompanyModel, Mappings>();
/** Per mappings object: the organisation unit, whose dimension columns row rules commonly filter on. */
const unitOfMappings = new WeakMap<Mappings, string>();

/** Every source's mapping in the model (one object per model, so graphs over it are cached). */
export function mappingsOf(model: CompanyModel): Mappings {
  let mappings = modelMappings.get(model);
  if (!mappings) {
    mappings = Object.fromEntries(Object.entries(model.sources).map(([name, s]) => [name, s.mapping]));
    modelMappings.set(model, mappings);
    const unit = organisationOf(model)?.name;
    if (unit) unitOfMappings.set(mappings, unit);
  }
  return mappings;
}

export interface SourceColumn {
  source: string;
  /** The mapped (physical) table, as named in the source's mapping; the configured schema qualifies it. */
  table: string;
  column: string;
  roles: ColumnRole[];
  /** The simple indicators whose statements read it. */
  readBy: string[];
}

export interface SourceTable {
  source: string;
  table: string;
  /** The facts of the mapping over that table that feed the indicator. */
  facts: string[];
}

export interface IndicatorEdge {
  code: string;
  inputs: string[];
}

export interface Lineage {
  code: string;
  /** Every indicator it is computed from, transitively (not itself), sorted. */
  upstreamCodes: string[];
  /** One edge per derived indicator in the closure (itself first), its direct inputs in definition order. */
  upstream: IndicatorEdge[];
  columns: SourceColumn[];
  tables: SourceTable[];
  sources: string[];
}

/** How a dependent reaches the indicator: through value inputs, or one declared driver / alert reference. */
export type DependencyKind = 'input' | 'driver' | 'alert';

export interface Dependency {
  code: string;
  /** From the indicator depended on up to the dependent: [invoiced_revenue, gross_margin]. Shortest first. */
  path: string[];
  via: DependencyKind;
}

export interface ColumnRef {
  source: string;
  table: string;
  /** Omitted: anything read from the table. */
  column?: string | null;
}

export interface ColumnReader {
  code: string;
  /** The columns of the table (or the one column) it reads. */
  columns: SourceColumn[];
}

/** Indicators referred to without feeding the value: declared drivers and alert comparisons. */
function referencesOf(i: Indicator): Array<{ code: string; via: 'driver' | 'alert' }> {
  return [
    ...(i.def.drivers?.of ?? []).map((code) => ({ code, via: 'driver' as const })),
    ...i.def.alerts.flatMap((r) => (r.indicator ? [{ code: r.indicator, via: 'alert' as const }] : [])),
  ];
}

/** The lineage of one dictionary over a set of mappings; build once per dictionary with `lineageGraph`. */
export class LineageGraph {
  private readonly dependentsByInput = new Map<string, Set<string>>();
  private readonly referrers = new Map<string, Array<{ code: string; via: 'driver' | 'alert' }>>();
  private readonly lineages = new Map<string, Lineage>();

  constructor(
    readonly dictionary: Dictionary,
    /** The sources' mappings (columns); without them, only the indicator graph (dependents, upstream). */
    readonly mappings: Mappings = {},
  ) {
    for (const i of dictionary.all()) {
      for (const input of inputsOf(i)) this.addTo(this.dependentsByInput, input, i.def.code);
      for (const ref of referencesOf(i)) {
        const list = this.referrers.get(ref.code) ?? [];
        if (!list.some((r) => r.code === i.def.code && r.via === ref.via))
          list.push({ code: i.def.code, via: ref.via });
        this.referrers.set(ref.code, list);
      }
    }
  }

  private addTo(map: Map<string, Set<string>>, key: string, value: string): void {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
  }

  private indicator(code: string): Indicator {
    const i = this.dictionary.get(code);
    if (!i) throw badInput(`Unknown indicator "${code}": it is not in the published dictionary.`, { argument: 'code' });
    return i;
  }

  lineage(code: string): Lineage {
    const cached = this.lineages.get(code);
    if (cached) return cached;
    const root = this.indicator(code);
    const closure: Indicator[] = [];
    const seen = new Set<string>();
    const queue = [root];
    while (queue.length > 0) {
      const i = queue.shift()!;
      if (seen.has(i.def.code)) continue;
      seen.add(i.def.code);
      closure.push(i);
      for (const c of inputsOf(i)) queue.push(this.indicator(c));
    }
    const upstream = closure
      .filter((i) => i.def.type !== 'simple')
      .map((i) => ({ code: i.def.code, inputs: inputsOf(i) }));
    const columns = new Map<string, SourceColumn>();
    const tables = new Map<string, SourceTable>();
    for (const i of closure) {
      if (i.def.type !== 'simple') continue;
      const { source, fact } = i.def.measure;
      const f = this.fact(source, fact, i.def.code);
      const tableKey = `${source}\u0000${f.table}`;
      const t = tables.get(tableKey) ?? { source, table: f.table, facts: [] };
      if (!t.facts.includes(fact)) t.facts.push(fact);
      tables.set(tableKey, t);
      for (const [column, role] of this.columnsOfSimple(i, f, root.def.dimensions)) {
        const key = `${source}\u0000${f.table}\u0000${column}`;
        const c = columns.get(key) ?? { source, table: f.table, column, roles: [], readBy: [] };
        if (!c.roles.includes(role)) c.roles.push(role);
        if (!c.readBy.includes(i.def.code)) c.readBy.push(i.def.code);
        columns.set(key, c);
      }
    }
    const byName = (a: { source: string; table: string; column?: string }, b: typeof a) =>
      a.source.localeCompare(b.source) ||
      a.table.localeCompare(b.table) ||
      (a.column ?? '').localeCompare(b.column ?? '');
    const result: Lineage = {
      code,
      upstreamCodes: closure
        .slice(1)
        .map((i) => i.def.code)
        .sort(),
      upstream,
      columns: [...columns.values()]
        .map((c) => ({ ...c, roles: ROLE_ORDER.filter((r) => c.roles.includes(r)), readBy: c.readBy.sort() }))
        .sort(byName),
      tables: [...tables.values()].map((t) => ({ ...t, facts: t.facts.sort() })).sort(byName),
      sources: [...new Set([...tables.values()].map((t) => t.source))].sort(),
    };
    this.lineages.set(code, result);
    return result;
  }

  private fact(source: string, fact: string, code: string): SqlFactMapping {
    const mapping = this.mappings[source];
    if (!mapping)
      throw new Error(
        `Lineage of ${code}: unknown source "${source}" (known: ${Object.keys(this.mappings).join(', ')})`,
      );
    const f = mapping.facts[fact];
    if (!f)
      throw new Error(
        `Lineage of ${code}: unknown fact ${source}.${fact} (known: ${Object.keys(mapping.facts).join(', ')})`,
      );
    return f;
  }

  /** What the one aggregate statement of a simple indicator reads, as the SQL adapter builds it. */
  private columnsOfSimple(i: Indicator, f: SqlFactMapping, dimensions: readonly string[]): Array<[string, ColumnRole]> {
    if (i.def.type !== 'simple') return [];
    const measure = f.measures[i.def.measure.measure];
    if (!measure)
      throw new Error(
        `Lineage of ${i.def.code}: unknown measure ${i.def.measure.source}.${i.def.measure.fact}.${i.def.measure.measure}`,
      );
    const out: Array<[string, ColumnRole]> = [];
    if (measure.column) out.push([measure.column, 'measure']);
    for (const column of Object.keys(measure.filter ?? {})) out.push([column, 'filter']);
    if (f.time) out.push([f.time.column, 'time']);
    if (f.validity) out.push([f.validity.from, 'time'], [f.validity.to, 'time']);
    for (const d of dimensions) {
      const dim = f.dimensions[d];
      if (dim) out.push([dim.column, 'dimension']);
    }
    // Row rules (policy.yaml) commonly filter on the organisation unit's dimension.
    const unit = unitOfMappings.get(this.mappings);
    for (const dim of Object.values(f.dimensions)) if (unit && dim.entity === unit) out.push([dim.column, 'filter']);
    return out;
  }

  /**
   * Every indicator that depends on `code`, transitively, with the shortest path from `code` to it; then
   * those that only refer to it (declared drivers, alert comparisons). Sorted by distance, then code.
   */
  dependents(code: string): Dependency[] {
    this.indicator(code);
    const found = new Map<string, Dependency>();
    const queue: string[][] = [[code]];
    while (queue.length > 0) {
      const path = queue.shift()!;
      for (const next of [...(this.dependentsByInput.get(path[path.length - 1]!) ?? [])].sort()) {
        if (next === code || found.has(next)) continue;
        const nextPath = [...path, next];
        found.set(next, { code: next, path: nextPath, via: 'input' });
        queue.push(nextPath);
      }
    }
    for (const ref of this.referrers.get(code) ?? []) {
      if (ref.code !== code && !found.has(ref.code))
        found.set(ref.code, { code: ref.code, path: [code, ref.code], via: ref.via });
    }
    const rank: Record<DependencyKind, number> = { input: 0, driver: 1, alert: 2 };
    return [...found.values()].sort(
      (a, b) => rank[a.via] - rank[b.via] || a.path.length - b.path.length || a.code.localeCompare(b.code),
    );
  }

  /**
   * Indicators whose statements read a table of a source (or one column of it), directly or through their
   * inputs. The reference is checked against the mapping first: an unknown name is a BAD_USER_INPUT that
   * lists what is mapped.
   */
  readersOf(ref: ColumnRef): ColumnReader[] {
    checkColumnRef(this.mappings, ref);
    const out: ColumnReader[] = [];
    for (const i of this.dictionary.all()) {
      const columns = this.lineage(i.def.code).columns.filter(
        (c) => c.source === ref.source && c.table === ref.table && (ref.column == null || c.column === ref.column),
      );
      if (columns.length > 0) out.push({ code: i.def.code, columns });
    }
    return out;
  }
}

/** Columns a mapping reads from a table (facts and entities alike). */
export function mappedColumns(mapping: SqlSourceMapping, table: string): string[] {
  const columns = new Set<string>();
  for (const f of Object.values(mapping.facts)) {
    if (f.table !== table) continue;
    if (f.time) columns.add(f.time.column);
    if (f.validity) [f.validity.from, f.validity.to].forEach((c) => columns.add(c));
    Object.values(f.dimensions).forEach((d) => columns.add(d.column));
    for (const m of Object.values(f.measures)) {
      if (m.column) columns.add(m.column);
      Object.keys(m.filter ?? {}).forEach((c) => columns.add(c));
    }
  }
  for (const e of Object.values(mapping.entities)) {
    if (!e) continue;
    if (e.table === table) {
      keyColumns(e).forEach((c) => columns.add(c));
      Object.values(e.fields).forEach((c) => columns.add(c));
    }
  }
  return [...columns].sort();
}

function mappedTables(mapping: SqlSourceMapping): string[] {
  const tables = new Set<string>([...Object.values(mapping.facts).map((f) => f.table)]);
  for (const e of Object.values(mapping.entities)) {
    if (!e) continue;
    tables.add(e.table);
  }
  return [...tables].sort();
}

/** Refuses a source, table or column the mappings do not know, saying what they do know. */
export function checkColumnRef(mappings: Mappings, ref: ColumnRef): void {
  const mapping = mappings[ref.source];
  if (!mapping)
    throw badInput(`Unknown source "${ref.source}" (known: ${Object.keys(mappings).join(', ')})`, {
      argument: 'source',
    });
  const tables = mappedTables(mapping);
  if (!tables.includes(ref.table)) {
    throw badInput(`Table "${ref.table}" is not mapped by ${ref.source} (mapped tables: ${tables.join(', ')})`, {
      argument: 'table',
    });
  }
  if (ref.column == null) return;
  const columns = mappedColumns(mapping, ref.table);
  if (!columns.includes(ref.column)) {
    throw badInput(
      `Column "${ref.column}" of ${ref.source}.${ref.table} is not mapped (mapped columns: ${columns.join(', ')})`,
      { argument: 'column' },
    );
  }
}

const graphs = new WeakMap<Dictionary, WeakMap<Mappings, LineageGraph>>();
const NO_MAPPINGS: Mappings = {};

/** The lineage graph of a dictionary over the model's mappings (mappingsOf), built once per pair. */
export function lineageGraph(dictionary: Dictionary, mappings: Mappings = NO_MAPPINGS): LineageGraph {
  let byMappings = graphs.get(dictionary);
  if (!byMappings) graphs.set(dictionary, (byMappings = new WeakMap()));
  let graph = byMappings.get(mappings);
  if (!graph) {
    graph = new LineageGraph(dictionary, mappings);
    byMappings.set(mappings, graph);
  }
  return graph;
}
