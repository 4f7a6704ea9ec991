import type { Knex } from 'knex';
import type { EntityName } from '../model/entities';

/**
 * A model directory may ship a data generator (`<model>/generator/index.ts` exporting `generator`): the
 * demo company does. It fills embedded sources on first start (demo.seed), `npm run seed` and the tests'
 * databases, in each source's own native tables, plus the pairs of its `loaded` crosswalks. A real company's model has
 * none.
 */
export interface ModelGenerator<C = unknown> {
  /** Bump when the generated data changes without a mapping change (a seeded data directory is redone). */
  revision: number;
  /** The company's data in neutral terms, deterministic for a scale factor. */
  generate(scale: number): C;
  /** Per source name: its native tables and how the neutral data lands in them. */
  sources: Record<string, DemoTables<C>>;
}

export type NativeRow = Record<string, string | number | boolean | null>;

export interface DemoTables<C = unknown> {
  /** Creates the native tables, in dependency order. */
  createTables(schema: Knex.SchemaBuilder): Knex.SchemaBuilder;
  /** Table name → rows, in insertion order. */
  rows(company: C): Record<string, NativeRow[]>;
  /** Hub id ↔ this system's key, for every conformed entity it holds: what the generated company implies.
   *  The seed loads the pairs of `loaded` crosswalks from it; every other rule is read from the sources. */
  keyMap(company: C): KeyPair[];
}

export interface KeyPair {
  entity: EntityName;
  hubId: string;
  sourceKey: string;
}
