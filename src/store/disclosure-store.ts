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

  /**
   * The earliest day a window may start and still be decided: with a retention, logged sets of windows that
   * ended before it are deleted, so no window starting before it is released any more (else a forgotten set
   * could be differenced against). Undefined: the log is kept for ever.
   */
  horizon(now = new Date()): string | undefined {
    if (this.retentionDays <= 0) return undefined;
    return new Date(now.getTime() - this.retentionDays * 86_400_000).toISOString().slice(0, 10);
  }

  /**
   * Runs `decide` against the principal's log: `logged` holds the released sets of each asked window, and
   * `overlapping` every logged window of those facts that overlaps an asked one in time (equal or not).
   */
  async withLog<T>(
    principal: string,
    windows: readonly WindowKey[],
    decide: (
      logged: Map<string, LoggedSet[]>,
      overlapping: readonly WindowKey[],
    ) => { result: T; released: Array<WindowKey & LoggedSet> },
    now = new Date(),
  ): Promise<T> {
    return this.conn.knex.transaction(async (trx) => {
      const conn: SqlConnection = { ...this.conn, knex: trx, close: async () => undefined };
      await lockUntilCommit(this.conn, trx, `indicator-hub:${TABLE}:${this.conn.schema ?? 'public'}:${principal}`);
      const horizon = this.horizon(now);
      // Retention by the window's end, not the release time: a window is forgotten only once no window
      // that could be differenced against it is released any more (release.ts refuses windows before it).
      if (horizon) await from(conn, TABLE).where('principal', principal).andWhere('window_to', '<=', horizon).delete();
      const logged = new Map<string, LoggedSet[]>(windows.map((w) => [windowId(w), []]));
      const overlapping = new Map<string, WindowKey>();
      const facts = [...new Set(windows.map((w) => w.fact))];
      if (facts.length > 0) {
        const first = windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]!.from);
        const last = windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]!.to);
        const rows = (await from(conn, TABLE)
          .select('fact', 'window_from', 'window_to', 'members', 'populations')
          .where('principal', principal)
          .whereIn('fact', facts)
          .andWhere('window_from', '<', last)
          .andWhere('window_to', '>', first)
          .orderBy('id')) as Array<Record<string, string>>;
        for (const r of rows) {
          const key = { fact: r.fact!, from: r.window_from!, to: r.window_to! };
          overlapping.set(windowId(key), key);
          logged.get(windowId(key))?.push({
            members: JSON.parse(r.members!) as string[],
            populations: JSON.parse(r.populations!) as Record<string, number>,
          });
        }
      }
      const { result, released } = decide(logged, [...overlapping.values()]);
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
