import { createHash } from 'node:crypto';
import { from, type SqlConnection } from '../db/connection';
import { lockUntilCommit } from './transaction';

const TABLE = 'disclosure_log';

/** One (personal fact, exact time window [from, to)) of one principal's log. */
export interface WindowKey {
  fact: string;
  from: string;
  to: string;
}

/** A released query set: its base members and the people behind each at release. */
export interface LoggedSet {
  members: string[];
  populations: Record<string, number>;
}

export const windowId = (w: WindowKey) => `${w.fact}|${w.from}|${w.to}`;

/**
 * The SQL side of the disclosure log (migration 006-disclosure-log) in the hub store, embedded or
 * PostgreSQL. `withLog` runs a decision under a per-principal advisory lock held to commit, so two
 * requests of one principal — in one process or in several on a shared store — never both decide against
 * a log without the other's releases.
 */
export class DisclosureStore {
  constructor(
    private readonly conn: SqlConnection,
    private readonly retentionDays: number,
  ) {}

  /**
   * Read-only, for auditors: entries newest first (descending id), optionally of one principal and released
   * in [from, to) (ISO instants), at most `limit` with id < `before`. The one read the audit API makes, so a
   * change of the table's shape or compaction only has to keep this function's answer.
   */
  async readForAuditors(filter: {
    principal?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    before?: number | undefined;
    limit: number;
  }): Promise<
    Array<{
      id: number;
      principal: string;
      fact: string;
      windowFrom: string;
      windowTo: string;
      members: string[];
      releasedAt: string;
    }>
  > {
    const q = from(this.conn, TABLE).select(
      'id',
      'principal',
      'fact',
      'window_from',
      'window_to',
      'members',
      'released_at',
    );
    if (filter.principal !== undefined) q.where('principal', filter.principal);
    if (filter.from !== undefined) q.where('released_at', '>=', filter.from);
    if (filter.to !== undefined) q.where('released_at', '<', filter.to);
    if (filter.before !== undefined) q.where('id', '<', filter.before);
    const rows = (await q.orderBy('id', 'desc').limit(filter.limit)) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: Number(r.id),
      principal: String(r.principal),
      fact: String(r.fact),
      windowFrom: String(r.window_from),
      windowTo: String(r.window_to),
      members: JSON.parse(String(r.members)) as string[],
      releasedAt: String(r.released_at),
    }));
  }

  async withLog<T>(
    principal: string,
    windows: readonly WindowKey[],
    decide: (logged: Map<string, LoggedSet[]>) => { result: T; released: Array<WindowKey & LoggedSet> },
    now = new Date(),
  ): Promise<T> {
    return this.conn.knex.transaction(async (trx) => {
      const conn: SqlConnection = { ...this.conn, knex: trx, close: async () => undefined };
      await lockUntilCommit(this.conn, trx, `indicator-hub:${TABLE}:${this.conn.schema ?? 'public'}:${principal}`);
      if (this.retentionDays > 0) {
        const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000).toISOString();
        await from(conn, TABLE).where('principal', principal).andWhere('released_at', '<', cutoff).delete();
      }
      const logged = new Map<string, LoggedSet[]>(windows.map((w) => [windowId(w), []]));
      const facts = [...new Set(windows.map((w) => w.fact))];
      if (facts.length > 0) {
        const rows = (await from(conn, TABLE)
          .select('fact', 'window_from', 'window_to', 'members', 'populations')
          .where('principal', principal)
          .whereIn('fact', facts)
          .whereIn('window_from', [...new Set(windows.map((w) => w.from))])
          .orderBy('id')) as Array<Record<string, string>>;
        for (const r of rows) {
          const list = logged.get(windowId({ fact: r.fact!, from: r.window_from!, to: r.window_to! }));
          list?.push({
            members: JSON.parse(r.members!) as string[],
            populations: JSON.parse(r.populations!) as Record<string, number>,
          });
        }
      }
      const { result, released } = decide(logged);
      if (released.length > 0) {
        const at = now.toISOString();
        await from(conn, TABLE)
          .insert(
            released.map((r) => ({
              principal,
              fact: r.fact,
              window_from: r.from,
              window_to: r.to,
              set_hash: createHash('sha256')
                .update(JSON.stringify([...r.members].sort()))
                .digest('hex'),
              members: JSON.stringify([...r.members].sort()),
              populations: JSON.stringify(r.populations),
              released_at: at,
            })),
          )
          .onConflict(['principal', 'fact', 'window_from', 'window_to', 'set_hash'])
          .ignore();
      }
      return result;
    });
  }
}
