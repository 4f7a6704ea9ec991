import type { SqlConnection } from '../db/connection';
import { loadTables } from '../db/load';
import type { KeyMapRow } from '../store/hub-store';
import type { DemoTables, ModelGenerator } from './definition';

/** Creates a source's native tables and loads its part of the generated company (tables dropped first). */
export async function seedDemoSource<C>(tables: DemoTables<C>, conn: SqlConnection, company: C): Promise<number> {
  return loadTables(conn, (schema) => tables.createTables(schema), tables.rows(company));
}

/** The key map of generated data: every source's keys for every conformed entity it holds. */
export function generatedKeyMap<C>(generator: ModelGenerator<C>, company: C): KeyMapRow[] {
  return Object.entries(generator.sources).flatMap(([source, tables]) =>
    tables.keyMap(company).map((pair) => ({ ...pair, source })),
  );
}
