import { randomBytes } from 'node:crypto';
import type { SqlConnection } from '../../src/db/connection';
import type { EmbeddedEngine } from '../../src/db/embedded';
import { openConnection } from '../../src/db/open';
import { openEmbeddedCopy, pgSourcesUrl } from '../support/engines';

/** The hub store's engines: the audit log runs on both. */
export type StoreEngine = 'embedded' | 'postgres';
export const STORE_ENGINES: readonly StoreEngine[] = ['embedded', 'postgres'];

export interface AuditTestStore {
  engine: StoreEngine;
  /** A fresh schema of its own, e.g. audit_test_1a2b3c4d. */
  schema: string;
  conn: SqlConnection;
  /** The embedded engine (a private copy of the seeded template), to open more connections on it. */
  embedded: EmbeddedEngine | undefined;
  /** Another pool on the same schema, or on `<schema>_<suffix>` (PostgreSQL: a second "process"; embedded: the same session). */
  openAnother(suffix?: string): SqlConnection;
  /** Runs SQL directly; `{t}` is replaced by the schema-qualified audit table. */
  sql(text: string, bindings?: ReadonlyArray<string | number | null>): Promise<Array<Record<string, unknown>>>;
  dispose(): Promise<void>;
}

export async function openAuditTestStore(engine: StoreEngine): Promise<AuditTestStore> {
  const schema = `audit_test_${randomBytes(4).toString('hex')}`;
  const opened: SqlConnection[] = [];
  let embedded: Awaited<ReturnType<typeof openEmbeddedCopy>> | undefined;
  const schemas = new Set([schema]);
  let open: (name?: string) => SqlConnection;
  if (engine === 'embedded') {
    embedded = await openEmbeddedCopy();
    const e = embedded.engine;
    open = (name = schema) => e.connection(name);
  } else {
    open = (name = schema) =>
      openConnection(
        { engine: 'postgres', url: pgSourcesUrl(), schema: name, pool: { min: 0, max: 4 }, acquireTimeoutMs: 30_000 },
        name,
      );
  }
  const conn = open();
  opened.push(conn);
  return {
    engine,
    schema,
    conn,
    embedded: embedded?.engine,
    openAnother(suffix) {
      const name = suffix ? `${schema}_${suffix}` : schema;
      schemas.add(name);
      const another = open(name);
      opened.push(another);
      return another;
    },
    async sql(text, bindings = []) {
      const result = (await conn.knex.raw(text.replaceAll('{t}', `"${schema}".audit_log`), [...bindings])) as {
        rows: Array<Record<string, unknown>>;
      };
      return result.rows;
    },
    async dispose() {
      if (engine === 'postgres')
        for (const name of schemas) await conn.knex.raw('drop schema if exists ?? cascade', [name]);
      for (const c of opened) await c.close();
      await embedded?.dispose();
    },
  };
}
