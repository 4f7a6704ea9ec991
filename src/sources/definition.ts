import type { Knex } from 'knex';
import type { EntityName } from '../model/entities';
import type { Company } from '../seed/company';
import type { SourceAdapter } from './contract';
import type { SqlConnection } from './sql/connection';
import type { SqlSourceMapping } from './sql/mapping';

/** Everything the hub knows about one source system; each folder under src/sources/ exports one. */
export interface SourceDefinition {
  name: string;
  description: string;
  /** Its tables and columns mapped onto the conformed model. */
  mapping: SqlSourceMapping;
  /** Builds the adapter; omit to use the generic SqlAdapter over `mapping`. */
  createAdapter?: (conn: SqlConnection) => SourceAdapter;
  /** The demo company in this system's own native tables (seeding, tests, benchmark). */
  demo: DemoTables;
}

export type NativeRow = Record<string, string | number | boolean | null>;

export interface DemoTables {
  /** Creates the native tables, in dependency order. */
  createTables(schema: Knex.SchemaBuilder): Knex.SchemaBuilder;
  /** Table name → rows, in insertion order. */
  rows(company: Company): Record<string, NativeRow[]>;
  /** Hub id ↔ this system's key, for every conformed entity it holds. */
  keyMap(company: Company): KeyPair[];
}

export interface KeyPair {
  entity: EntityName;
  hubId: string;
  sourceKey: string;
}
