import { createPool as createMysqlPool, type Pool as MysqlPool } from 'mysql2/promise';
import pg from 'pg';
import { addCode, transportErrorCode, type ErrorCodes } from './errors';
import type { BenchDatabases } from './seed';
import { pgSourcesUrl } from './seed';

/** One statement the hub sent to a source, as the driver received it (positional SQL and bindings). */
export interface CapturedStatement {
  engine: 'postgres' | 'mysql';
  sql: string;
  bindings: unknown[];
  /** Statements in the same wave were in flight together; a wave starts only after an earlier one answered. */
  wave: number;
  startedMs: number;
  endedMs: number;
}

type QueryFn = (connection: unknown, obj: { sql: string; bindings?: unknown[] }) => Promise<unknown>;
interface DialectPrototype {
  _query: QueryFn;
}

/**
 * Records every statement knex hands to the pg and mysql2 drivers while `fn` runs — the hub's actual
 * SQL, with bindings, in the order and overlap it was issued. Statements against the hub's own store
 * (schema "hub": key map, audit) are left out: they are not source work.
 */
export async function captureStatements(fn: () => Promise<void>): Promise<CapturedStatement[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pgDialect = require('knex/lib/dialects/postgres') as { prototype: DialectPrototype };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mysqlDialect = require('knex/lib/dialects/mysql') as { prototype: DialectPrototype };
  const captured: Array<Omit<CapturedStatement, 'wave'>> = [];
  const patch = (proto: DialectPrototype, engine: CapturedStatement['engine']) => {
    const original = proto._query;
    proto._query = async function (this: unknown, connection, obj) {
      const startedMs = performance.now();
      try {
        return await original.call(this, connection, obj);
      } finally {
        if (!/"hub"\.|^set /i.test(obj.sql))
          captured.push({
            engine,
            sql: obj.sql,
            bindings: [...(obj.bindings ?? [])],
            startedMs,
            endedMs: performance.now(),
          });
      }
    };
    return () => {
      proto._query = original;
    };
  };
  const restore = [patch(pgDialect.prototype, 'postgres'), patch(mysqlDialect.prototype, 'mysql')];
  try {
    await fn();
  } finally {
    for (const r of restore) r();
  }
  captured.sort((a, b) => a.startedMs - b.startedMs);
  const out: CapturedStatement[] = [];
  for (const s of captured) {
    const before = out.filter((o) => o.endedMs <= s.startedMs);
    out.push({ ...s, wave: before.length ? Math.max(...before.map((o) => o.wave)) + 1 : 0 });
  }
  return out;
}

export interface Floor {
  /** One "request": the captured statements, wave by wave, each wave in parallel, then JSON.stringify of all rows. Returns the bytes. */
  request(statements: readonly CapturedStatement[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * The physical limit for the hub: the same SQL, sent straight through pg and mysql2 pools as large as the
 * hub's (10 per engine per source, so 20 per engine here), no GraphQL, no key map, no evaluation.
 */
export function openFloor(db: BenchDatabases, poolSize: number): Floor {
  const pgPool = new pg.Pool({ connectionString: pgSourcesUrl(db), max: poolSize });
  pgPool.on('error', () => undefined);
  const url = new URL(db.mysqlUrl);
  const mysql: MysqlPool = createMysqlPool({
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    connectionLimit: poolSize,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    charset: 'utf8mb4',
  });
  const run = async (s: CapturedStatement): Promise<unknown[]> => {
    if (s.engine === 'postgres') return (await pgPool.query(s.sql, s.bindings)).rows as unknown[];
    const [rows] = await mysql.query(s.sql, s.bindings);
    return rows as unknown[];
  };
  return {
    async request(statements) {
      const waves = new Map<number, CapturedStatement[]>();
      for (const s of statements) waves.set(s.wave, [...(waves.get(s.wave) ?? []), s]);
      const results: unknown[][] = [];
      for (const wave of [...waves.keys()].sort((a, b) => a - b)) {
        results.push(...(await Promise.all(waves.get(wave)!.map(run))));
      }
      return JSON.stringify(results).length;
    },
    async close() {
      await Promise.allSettled([pgPool.end(), mysql.end()]);
    },
  };
}

/** Runs `request` `amount` times over `concurrency` workers (none started after `stopAfterMs`); per-request latencies in ms, failures by code. */
export async function closedLoop(
  concurrency: number,
  amount: number,
  stopAfterMs: number,
  request: () => Promise<unknown>,
): Promise<{ latencies: number[]; errors: number; errorCodes: ErrorCodes; elapsedMs: number; truncated: boolean }> {
  const latencies: number[] = [];
  let errors = 0;
  const errorCodes: ErrorCodes = {};
  let issued = 0;
  const started = performance.now();
  let truncated = false;
  const worker = async () => {
    while (issued < amount) {
      if (performance.now() - started > stopAfterMs) {
        truncated = true;
        return;
      }
      issued += 1;
      const t = performance.now();
      try {
        await request();
        latencies.push(performance.now() - t);
      } catch (error) {
        errors += 1;
        addCode(errorCodes, transportErrorCode(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, errorCodes, elapsedMs: performance.now() - started, truncated };
}
