import { createHash } from 'node:crypto';
import { from, type SqlConnection } from '../db/connection';
import { lockUntilCommit } from './transaction';

const TABLE = 'disclosure_log';
/** Rows per INSERT of released sets: 9 bind parameters each, far under any driver's limit (65,535). */
export const INSERT_BATCH = 1000;

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
      const at = now.toISOString();
      const rows = released.map((r) => ({
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
      }));
      // Batched: one INSERT of every row would pass PostgreSQL's 65,535 bind parameters (9 a row) for a
      // year of daily cells; INSERT_BATCH rows is 9,000 parameters whatever the answer's size.
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await from(conn, TABLE)
          .insert(rows.slice(i, i + INSERT_BATCH))
          .onConflict(['principal', 'fact', 'window_from', 'window_to', 'set_hash'])
          .ignore();
      }
      return result;
    });
  }
}
