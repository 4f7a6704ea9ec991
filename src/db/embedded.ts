import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { mkdirSync } from 'node:fs';
import type { SqlConnection } from './connection';
import { embedded } from './dialects/embedded';
import { knexLog } from './knex-log';

/**
 * The embedded default: one real PostgreSQL (PGlite, WASM) in the hub's process, a schema per source
 * plus one for the hub's own store. One instance, not one per source: each costs hundreds of MB.
 * PGlite has a single connection, so statements from all embedded sources are serialised.
 */
/** knex-pglite closes PGlite when knex releases its connection; here the engine owns it, so don't. */
class SharedPGliteClient extends (ClientPgLite as unknown as new (config: Knex.Config) => object) {
  async destroyRawConnection(): Promise<void> {}
}

export class EmbeddedEngine {
  private constructor(
    private readonly pglite: PGlite,
    readonly dataDir: string | undefined,
  ) {}

  /** Opens (or creates) the engine; `dataDir` undefined or ":memory:" keeps it in memory. */
  static async open(dataDir: string | undefined): Promise<EmbeddedEngine> {
    const dir = dataDir === ':memory:' ? undefined : dataDir;
    if (dir) mkdirSync(dir, { recursive: true });
    // DATE (oid 1082) stays an ISO string, as with the other engines.
    const pglite = new PGlite(dir, { parsers: { 1082: (value: string) => value } });
    await pglite.waitReady;
    return new EmbeddedEngine(pglite, dir);
  }

  connection(schema: string): SqlConnection {
    const pglite = this.pglite;
    const knex: Knex = knexFactory({
      client: SharedPGliteClient as unknown as typeof Knex.Client,
      dialect: 'postgres',
      connection: () => ({ pglite }) as unknown as Knex.StaticConnectionConfig,
      log: knexLog,
    });
    return {
      knex,
      schema,
      dialect: embedded,
      // Releases this source's pool only; the PGlite instance stays open for the others.
      close: () => knex.destroy(),
    };
  }

  async close(): Promise<void> {
    await this.pglite.close();
  }
}
