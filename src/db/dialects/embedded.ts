import type { ConnectionSettings, SqlConnection } from '../connection';
import type { Dialect } from '../dialect';
import type { EmbeddedEngine } from '../embedded';
import { postgresSql } from './postgres';

/**
 * The embedded default: PostgreSQL (PGlite, WASM) inside the hub's process, a schema per source plus one for
 * the hub's store (src/db/embedded.ts). Its SQL, catalogs and errors are PostgreSQL's; it needs no URL, has
 * no server-side statement timeout, and its single session serialises every statement of the process.
 */
export const embedded: Dialect = {
  ...postgresSql,
  name: 'embedded',
  inProcess: true,
  open(settings: ConnectionSettings, defaultSchema: string, engine: EmbeddedEngine | undefined): SqlConnection {
    if (!engine) throw new Error('openConnection: the embedded engine is not open');
    return engine.connection(settings.schema ?? defaultSchema);
  },
};
