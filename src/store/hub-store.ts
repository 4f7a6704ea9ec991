import type { EntityName } from '../model/entities';
import { from, type SqlConnection } from '../db/connection';
import { migrateStore } from './migrate';

export interface KeyMapRow {
  entity: EntityName;
  source: string;
  sourceKey: string;
  hubId: string;
}

/**
 * The hub's own store (embedded engine by default, PostgreSQL in production): the key map, the audit
 * log (src/audit/audit-store.ts), indicator definitions (src/governance/definition-store.ts). Tables come from
 * `migrate()` (src/store/migrations).
 */
export class HubStore {
  constructor(readonly conn: SqlConnection) {}

  /** Brings the store's tables up to date (src/store/migrations). */
  async migrate(): Promise<void> {
    await migrateStore(this.conn);
  }

  /** Scale and version of the demo company loaded into the embedded engine, or null if none was. */
  async demoSeed(): Promise<{ scale: number; version: string } | null> {
    const row = (await from(this.conn, 'demo_seed').first('scale', 'version')) as
      { scale: number; version: string | null } | undefined;
    return row ? { scale: Number(row.scale), version: row.version ?? '' } : null;
  }

  async markDemoSeeded(scale: number, version: string): Promise<void> {
    await this.conn.knex.transaction(async (trx) => {
      const table = () =>
        this.conn.schema ? trx.withSchema(this.conn.schema).table('demo_seed') : trx.table('demo_seed');
      await table().delete();
      await table().insert({ scale, version, seeded_at: new Date().toISOString() });
    });
  }

  async keyMap(): Promise<KeyMapRow[]> {
    const rows = (await from(this.conn, 'key_map').select('entity', 'source', 'source_key', 'hub_id')) as Array<
      Record<string, string>
    >;
    return rows.map((r) => ({
      entity: r.entity as EntityName,
      source: r.source!,
      sourceKey: r.source_key!,
      hubId: r.hub_id!,
    }));
  }

  /** Replaces the whole key map in one transaction: readers see the old or the new map, never half. */
  async replaceKeyMap(rows: readonly KeyMapRow[]): Promise<void> {
    const { knex, schema } = this.conn;
    await knex.transaction(async (trx) => {
      const table = () => (schema ? trx.withSchema(schema).table('key_map') : trx.table('key_map'));
      await table().delete();
      for (let i = 0; i < rows.length; i += 1000) {
        await table().insert(
          rows
            .slice(i, i + 1000)
            .map((r) => ({ entity: r.entity, source: r.source, source_key: r.sourceKey, hub_id: r.hubId })),
        );
      }
    });
  }

  /**
   * Loaded crosswalk pairs of one entity and source (npm run crosswalk:load), in ONE transaction: all or
   * nothing. `replace` first deletes that entity's and source's earlier pairs; otherwise the rows are added.
   */
  async writePairs(
    entity: EntityName,
    source: string,
    pairs: ReadonlyArray<{ sourceKey: string; hubId: string }>,
    replace: boolean,
  ): Promise<void> {
    const { knex, schema } = this.conn;
    await knex.transaction(async (trx) => {
      const table = () => (schema ? trx.withSchema(schema).table('key_map') : trx.table('key_map'));
      if (replace) await table().where({ entity, source }).delete();
      for (let i = 0; i < pairs.length; i += 1000) {
        await table().insert(
          pairs.slice(i, i + 1000).map((p) => ({ entity, source, source_key: p.sourceKey, hub_id: p.hubId })),
        );
      }
    });
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
