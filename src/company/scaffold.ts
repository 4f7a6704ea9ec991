import { stringify } from 'yaml';
import type { ColumnKind, LiveCatalog, LiveTable } from '../db/live-catalog';

/**
 * Drafts a model from a live catalog (`npm run model:scaffold`): one source file with a mapping of
 * every table that has a primary key (a composite one as `key: { parts }` over its columns' fields), and one entity
 * file per table, with field types
 * from the column types and references from the foreign keys (reverse lists on the referenced side).
 * A draft to edit, never the final word: names are mechanical, descriptions are TODOs, facts are only
 * suggested for tables with a date or timestamp column, and the engineer decides what is conformed.
 */
export interface ScaffoldOptions {
  source: string;
  /** Environment variable holding the connection URL: written as ${VAR}, never the URL itself. */
  urlEnv: string;
  /** Schema (PostgreSQL) or database (MariaDB) the catalog was read from, written into the connection. */
  schema?: string;
}

export interface DraftFile {
  /** Relative to the model directory. */
  path: string;
  text: string;
}

export interface ScaffoldResult {
  files: DraftFile[];
  /** Tables left out, with the reason (composite or missing primary key). */
  skipped: Array<{ table: string; reason: string }>;
}

type ScalarType = 'string' | 'int' | 'decimal' | 'date' | 'bool';
const TYPE_OF: Record<ColumnKind, ScalarType> = {
  string: 'string',
  int: 'int',
  decimal: 'decimal',
  float: 'decimal',
  date: 'date',
  timestamp: 'date',
  bool: 'bool',
  other: 'string',
};

/** invoice_line / InvoiceLine / INVOICE_LINE → InvoiceLine; orders → Order, categories → Category (an entity
 *  is one thing: the last word singular). */
export function entityNameOf(table: string): string {
  const w = words(table);
  w[w.length - 1] = singularOf(w[w.length - 1]!);
  return w.map((x) => x[0]!.toUpperCase() + x.slice(1)).join('');
}

/** orders → order, categories → category, addresses → address, boxes → box; status, analysis, news stay. */
function singularOf(word: string): string {
  if (word.length <= 3 || /(ss|us|is|news|series|data)$/.test(word)) return word;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|zes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Warehouse → warehouses, Category → categories, Address → addresses: the Query list field's name. */
export function listNameOf(entity: string): string {
  const lower = entity[0]!.toLowerCase() + entity.slice(1);
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** unit_price / UnitPrice → unitPrice. */
export function fieldNameOf(column: string): string {
  const [first, ...rest] = words(column);
  return [first!, ...rest.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/** support_rep_id / SupportRepId → supportRep; reports_to stays reportsTo. */
function referenceNameOf(column: string): string {
  const w = words(column);
  if (w.length > 1 && w[w.length - 1] === 'id') w.pop();
  return fieldNameOf(w.join('_'));
}

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function scaffoldModel(catalog: LiveCatalog, options: ScaffoldOptions): ScaffoldResult {
  const skipped: ScaffoldResult['skipped'] = [];
  const mapped = catalog.tables.filter((t) => {
    if (t.primaryKey.length === 1) return true;
    if (t.primaryKey.length === 0) {
      skipped.push({ table: t.name, reason: 'no primary key' });
      return false;
    }
    // A composite key's parts are fields: text, integers, dates or references (src/values/composite-key.ts).
    const unfit = t.primaryKey.filter(
      (k) => !['string', 'int', 'date', 'timestamp'].includes(t.columns.find((c) => c.name === k)?.kind ?? 'other'),
    );
    if (unfit.length === 0) return true;
    skipped.push({
      table: t.name,
      reason: `composite primary key (${t.primaryKey.join(', ')}) with a part that is not text, an integer or a date (${unfit.join(', ')})`,
    });
    return false;
  });
  const entityOf = new Map(mapped.map((t) => [t.name, entityNameOf(t.name)]));
  // Only one-column keys can be referenced (a composite entity is never a reference target).
  const referable = new Map(
    mapped.filter((t) => t.primaryKey.length === 1).map((t) => [t.name, entityOf.get(t.name)!]),
  );
  const fieldsOf = new Map(mapped.map((t) => [t.name, fieldColumns(t, referable)]));

  const sourceEntities: Record<string, unknown> = {};
  const facts: Record<string, unknown> = {};
  for (const t of mapped) {
    const fields = fieldsOf.get(t.name)!;
    const key = t.primaryKey.length === 1 ? t.primaryKey[0] : [...t.primaryKey];
    sourceEntities[entityOf.get(t.name)!] = {
      table: t.name,
      key,
      fields: Object.fromEntries(fields.map((f) => [f.field, f.column])),
    };
    const fact = factDraft(t, fields);
    if (fact) facts[fieldNameOf(t.name)] = fact;
  }
  const connection = {
    engine: catalog.engine,
    url: `\${${options.urlEnv}}`,
    ...(options.schema ? { schema: options.schema } : {}),
  };
  const header = [
    `Drafted by model:scaffold from the ${catalog.engine} catalog of "${catalog.schema}". Review every line:`,
    'rename entities and fields to your business vocabulary, mark shared entities conformed, and keep only',
    'the facts and measures that mean something. Skipped tables are listed at the end.',
  ];
  const sourceDoc = {
    name: options.source,
    description: `TODO: what the ${options.source} system is`,
    connection,
    entities: sourceEntities,
    facts,
  };
  const files: DraftFile[] = [
    {
      path: `sources/${options.source}.yaml`,
      text:
        comment(header) +
        stringify(sourceDoc, { lineWidth: 120 }) +
        (skipped.length ? comment(['Skipped:', ...skipped.map((s) => `  ${s.table}: ${s.reason}`)]) : ''),
    },
  ];
  for (const t of mapped) {
    const name = entityOf.get(t.name)!;
    const fields = fieldsOf.get(t.name)!;
    const relations = reverseLists(t, mapped, entityOf, fieldsOf);
    const doc = {
      name,
      description: `TODO: what a ${name} is (table ${t.name} in ${options.source})`,
      conformed: false,
      home: options.source,
      key:
        t.primaryKey.length === 1
          ? { type: keyType(t) }
          : { parts: t.primaryKey.map((k) => fields.find((f) => f.column === k)!.field) },
      list: listNameOf(name),
      fields: Object.fromEntries(
        fields.map((f) => [
          f.field,
          f.ref ? { ref: f.ref } : { type: TYPE_OF[f.kind], ...(f.note ? { description: f.note } : {}) },
        ]),
      ),
      ...(Object.keys(relations).length ? { relations } : {}),
    };
    files.push({ path: `entities/${name}.yaml`, text: stringify(doc, { lineWidth: 120 }) });
  }
  return { files, skipped };
}

interface FieldColumn {
  field: string;
  column: string;
  kind: ColumnKind;
  /** The referenced entity, for a single-column foreign key to a mapped table. */
  ref?: string;
  note?: string;
}

function fieldColumns(t: LiveTable, entityOf: Map<string, string>): FieldColumn[] {
  const refs = new Map(
    t.foreignKeys
      .filter((fk) => fk.columns.length === 1 && entityOf.has(fk.table))
      .map((fk) => [fk.columns[0]!, entityOf.get(fk.table)!]),
  );
  const taken = new Set<string>();
  const out: FieldColumn[] = [];
  for (const c of t.columns) {
    if (t.primaryKey.length === 1 && c.name === t.primaryKey[0]) continue; // a composite key's columns are its fields
    const ref = refs.get(c.name);
    let field = ref ? referenceNameOf(c.name) : fieldNameOf(c.name);
    if (taken.has(field)) field = fieldNameOf(c.name);
    taken.add(field);
    const note =
      c.kind === 'float'
        ? `stored as ${c.dataType} (binary floating point): measures over it declare storage: { kind: float, scale: <places> }`
        : c.kind === 'timestamp'
          ? `stored as ${c.dataType}; read as its date`
          : c.kind === 'other'
            ? `stored as ${c.dataType}; read as text`
            : undefined;
    out.push({ field, column: c.name, kind: c.kind, ...(ref ? { ref } : {}), ...(note ? { note } : {}) });
  }
  return out;
}

function keyType(t: LiveTable): 'string' | 'int' {
  return t.columns.find((c) => c.name === t.primaryKey[0])?.kind === 'int' ? 'int' : 'string';
}

/** A column that identifies rather than measures: a key, an id or a number (nobody sums customer ids). */
const IDENTIFYING = /(^|_)(id|key|no|num|code)$|[a-z](Id|Key|No|Code)$|^(id|key)$/;

/** Date columns in the order a fact is dated by: the business event (order, invoice, transaction…) before
 *  anything else, and people's dates (birth, hire) last. */
function timeColumnOf(t: LiveTable): LiveTable['columns'][number] | undefined {
  const dates = t.columns.filter((c) => c.kind === 'date' || c.kind === 'timestamp');
  const rank = (name: string) => {
    const n = name.toLowerCase();
    if (/order|invoice|transaction|trans|sale|payment|paid|ship|deliver|booking|posting/.test(n)) return 0;
    if (/birth|dob|hire|joined|start|end|valid|expir|modified|updated|deleted/.test(n)) return 3;
    if (/created|date|time|_at$|_on$/.test(n)) return 1;
    return 2;
  };
  return [...dates].sort((a, b) => rank(a.name) - rank(b.name))[0];
}

/** A suggested fact for a table with a date or timestamp column: a count, and sums of its numbers (references,
 *  keys and ids excepted; a float column with the storage that reads it exactly). */
function factDraft(t: LiveTable, fields: FieldColumn[]): Record<string, unknown> | undefined {
  const time = timeColumnOf(t);
  if (!time) return undefined;
  const measures: Record<string, unknown> = { [`${fieldNameOf(t.name)}Count`]: { agg: 'count', type: 'int' } };
  for (const f of fields) {
    if (f.ref || IDENTIFYING.test(f.column) || t.primaryKey.includes(f.column)) continue;
    if (f.kind === 'decimal') measures[f.field] = { agg: 'sum', column: f.column, type: 'decimal' };
    else if (f.kind === 'float')
      measures[f.field] = {
        agg: 'sum',
        column: f.column,
        type: 'decimal',
        storage: { kind: 'float', scale: 2 },
        description: `TODO: ${f.column} is binary floating point, read exactly at 2 places: set scale to the places its values really have`,
      };
    else if (f.kind === 'int') measures[f.field] = { agg: 'sum', column: f.column, type: 'int' };
  }
  const dimensions = Object.fromEntries(
    fields.filter((f) => f.ref).map((f) => [f.field, { column: f.column, entity: f.ref }]),
  );
  return { table: t.name, time: { column: time.name }, dimensions, measures };
}

/** On the referenced entity: the list of rows pointing at it (customer.invoices). */
function reverseLists(
  target: LiveTable,
  tables: LiveTable[],
  entityOf: Map<string, string>,
  fieldsOf: Map<string, FieldColumn[]>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    for (const f of fieldsOf.get(t.name)!) {
      if (f.ref !== entityOf.get(target.name)) continue;
      let name = `${fieldNameOf(t.name)}s`;
      if (name in out) name = `${name}By${f.field[0]!.toUpperCase()}${f.field.slice(1)}`;
      out[name] = { entity: entityOf.get(t.name), via: f.field, paged: true };
    }
  }
  return out;
}

function comment(lines: string[]): string {
  return lines.map((l) => `# ${l}`.trimEnd()).join('\n') + '\n';
}
