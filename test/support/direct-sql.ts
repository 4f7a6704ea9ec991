import type { Knex } from 'knex';
import { toMoney } from '../../src/values/decimal';
import { demoKeyMap } from '../../models/demo/generator/keymap';
import type { SourceName } from './demo-model';
import type { EmbeddedEngine } from '../../src/db/embedded';
import { openSourceConnection, testCompany, type Layout } from './engines';
import type { SqlConnection } from '../../src/db/connection';

/**
 * The oracle for API tests: SQL written by hand against each source's native tables, run directly on the
 * source databases, translated to hub ids with the demo key map. Independent of adapters and mappings.
 */
export class DirectSql {
  private readonly conns = new Map<SourceName, SqlConnection>();

  constructor(
    private readonly layout: Layout,
    private readonly embedded?: EmbeddedEngine,
  ) {}

  /** Runs `sql` on `source`; `{s}` in the text is replaced by the source's schema/database name. */
  async rows(
    source: SourceName,
    sql: string,
    bindings: Knex.RawBinding[] = [],
  ): Promise<Array<Record<string, unknown>>> {
    const conn = this.conn(source);
    const result = await conn.knex.raw(sql.replaceAll('{s}', source), bindings);
    return conn.dialect.name === 'mysql'
      ? (result as [Array<Record<string, unknown>>])[0]
      : (result as { rows: Array<Record<string, unknown>> }).rows;
  }

  /** `select <key>, <value>` grouped rows → hub id → money string. */
  async moneyBy(
    source: SourceName,
    entity: 'Department' | 'Customer' | 'Supplier',
    sql: string,
    bindings: Knex.RawBinding[] = [],
  ) {
    const out = new Map<string, string>();
    for (const r of await this.rows(source, sql, bindings)) {
      out.set(hubId(entity, source, String(r.k)), toMoney(String(r.v)));
    }
    return out;
  }

  async countBy(source: SourceName, entity: 'Department', sql: string, bindings: Knex.RawBinding[] = []) {
    const out = new Map<string, number>();
    for (const r of await this.rows(source, sql, bindings)) out.set(hubId(entity, source, String(r.k)), Number(r.v));
    return out;
  }

  private conn(source: SourceName): SqlConnection {
    let conn = this.conns.get(source);
    if (!conn) {
      conn = openSourceConnection(this.layout[source], source, this.embedded);
      this.conns.set(source, conn);
    }
    return conn;
  }

  async close(): Promise<void> {
    await Promise.all([...this.conns.values()].map((c) => c.close()));
  }
}

let index: Map<string, string> | undefined;
export function hubId(entity: string, source: string, key: string): string {
  index ??= new Map(demoKeyMap(testCompany()).map((r) => [`${r.entity}|${r.source}|${r.sourceKey}`, r.hubId]));
  const id = index.get(`${entity}|${source}|${key}`);
  if (!id) throw new Error(`no hub id for ${entity} ${source} ${key}`);
  return id;
}
