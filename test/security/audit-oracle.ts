import type { TestHub } from '../support/hub-client';

/** One aggregated refusal row as stored: read with SQL on the audit table, not through the hub's AuditLog. */
export interface RefusalRow {
  principal: string;
  ip: string | null;
  errorCodes: string[];
  kind: string | null;
  count: number;
}

/** Refused records in the hub's store, optionally only those of one principal or address. */
export async function refusalRows(
  hub: TestHub,
  where: { principal?: string; ip?: string } = {},
): Promise<RefusalRow[]> {
  const { conn } = hub.runtime.store;
  const clauses = [
    "outcome = 'refused'",
    ...(where.principal ? ['principal = ?'] : []),
    ...(where.ip ? ['ip = ?'] : []),
  ];
  const bindings = [...(where.principal ? [where.principal] : []), ...(where.ip ? [where.ip] : [])];
  const result = (await conn.knex.raw(
    `select principal, ip, error_codes, refusals from ${conn.schema}.audit_log where ${clauses.join(' and ')} order by seq`,
    bindings,
  )) as {
    rows: Array<{ principal: string; ip: string | null; error_codes: string; refusals: string | null }>;
  };
  return result.rows.map((r) => {
    const refusals = r.refusals ? (JSON.parse(r.refusals) as { kind: string; count: number }) : null;
    return {
      principal: r.principal,
      ip: r.ip,
      errorCodes: JSON.parse(r.error_codes) as string[],
      kind: refusals?.kind ?? null,
      count: refusals?.count ?? 1,
    };
  });
}

/** Refusals per kind: how many records, how many refusals they count. */
export function byKind(rows: readonly RefusalRow[]): Record<string, { records: number; refusals: number }> {
  const out: Record<string, { records: number; refusals: number }> = {};
  for (const r of rows) {
    const k = (out[r.kind ?? 'unknown'] ??= { records: 0, refusals: 0 });
    k.records += 1;
    k.refusals += r.count;
  }
  return out;
}

/** Polls `probe` until `done` holds for its value (aggregated records are written every interval). */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
