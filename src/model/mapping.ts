import type { EntityName } from './entities';

/**
 * How a SQL source maps its own tables and columns onto the conformed model: the `entities:` and `facts:`
 * of a model directory's source file (<model>/sources/<name>.yaml), validated by src/model/load.ts.
 */
export interface SqlSourceMapping {
  entities: Partial<Record<EntityName, SqlEntityMapping>>;
  facts: Record<string, SqlFactMapping>;
}

export interface SqlEntityMapping {
  table: string;
  /** Column holding the source key; for a composite key, its columns in the order of the entity's key parts. */
  key: string | readonly string[];
  /** Conformed field name → column. Reference fields hold the referenced entity's source key. */
  fields: Record<string, string>;
  /** Conformed field name → SQL expression over the row (`first_name || ' ' || last_name`), validated
   *  at load (src/values/expression.ts); in a model file written as `name: { sql: "…" }` under fields. */
  expressions?: Record<string, string>;
  /** Default order for lists (a conformed field name or "key"). */
  orderBy?: string;
}

export interface SqlFactMapping {
  table: string;
  /** Tables joined to `table` inside the same source (order lines to their order, for its date): columns
   *  of the fact may then be written `table.column`. `on`: column of `table` → column of the joined table. */
  joins?: ReadonlyArray<{ table: string; on: Record<string, string> }>;
  /** Event facts: the column that places a row in time; `yyyymm` for CHAR(6) periods like 202511. */
  time?: { column: string; format?: TimeFormat };
  /** State facts: a row is valid on day d when from <= d and (to is null or to > d). Neither time nor
   *  validity: a snapshot (every row counts at any date, e.g. products per supplier). */
  validity?: { from: string; to: string };
  dimensions: Record<string, { column: string; entity?: EntityName }>;
  measures: Record<string, SqlMeasure>;
  /** Many-to-many dimensions: reached from the fact dimension `through` by an entity holding pairs (a
   *  bridge: PlaylistTrack pairs a track with a playlist), in this source or another. A fact row counts once
   *  in each member it reaches, and once in a total. `playlist: { through: track, bridge: PlaylistTrack,
   *  entity: Playlist }`. */
  bridges?: Record<string, { through: string; bridge: EntityName; entity: EntityName }>;
  /** How columns of the fact are stored, declared once for every measure and expression that reads them
   *  (`InvoiceLine.UnitPrice: { kind: float, scale: 2 }`): each read of the column is cast to an exact
   *  decimal at that scale before any arithmetic. A measure's own `storage` takes precedence. */
  storage?: Record<string, MeasureStorage>;
  description?: string;
}

export type TimeFormat = 'date' | 'yyyymm';
export type Aggregation = 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max';

export interface SqlMeasure {
  agg: Aggregation;
  /** Required for everything but count (or give `sql`). */
  column?: string;
  /** A SQL expression over the fact's row instead of a column (`unit_price * quantity * (1 - discount)`),
   *  validated at load (src/values/expression.ts). */
  sql?: string;
  /** Only rows whose column holds one of these values count (compiled to CASE WHEN, so measures
   *  with different filters still share one statement). */
  filter?: Record<string, readonly (string | number)[]>;
  /** Result type: decimals come back exact and unrounded (sums, minima and maxima at the scale they are
   *  stored with, averages with AVERAGE_SCALE places); counts and `int` sums are integers. */
  type: 'decimal' | 'int';
  description?: string;
  /** How a decimal column is stored, so that it is cast to an exact decimal before it is aggregated.
   *  On an expression (`sql`): how every column it reads is stored (each cast before the arithmetic).
   *  Omitted: the fact's `storage` of the column, else an exact column aggregated at its own scale. */
  storage?: MeasureStorage;
}

/**
 * - `decimal` (default): DECIMAL/NUMERIC/integer; with `scale`, cast to decimal(38, scale) first.
 * - `float`: FLOAT/REAL/DOUBLE holding values with `scale` places: each value is cast to decimal(38, scale)
 *   (rounded half away from zero to its true places, which removes the binary noise) before the sum.
 * - `cents`: integers counting 1/10^scale of the unit (scale 2: cents): value × 10^-scale, exactly.
 * - `text`: decimal numbers written as text ("1234.5678"), cast to decimal(38, scale).
 */
export interface MeasureStorage {
  kind: 'decimal' | 'float' | 'cents' | 'text';
  /** Decimal places of the stored values (0–12); required for float, cents and text. */
  scale?: number;
}

/** The key columns of an entity mapping (one, or a composite key's). */
export function keyColumns(m: Pick<SqlEntityMapping, 'key'>): readonly string[] {
  return typeof m.key === 'string' ? [m.key] : m.key;
}
