import type { AggregateQuery, AggregateRow, CallContext, SourceAdapter, StatementEvent } from '../sources/contract';

/** One caller's answer from a (possibly shared) aggregate statement. */
export interface BatchedAggregate {
  /** Its rows, each holding exactly the measures it asked for. */
  rows: AggregateRow[];
  /** The statement that ran (shared by every caller it served). */
  event: StatementEvent | undefined;
}

/**
 * The request's aggregate statements, coalesced: the aggregates asked for in one turn of the event loop
 * over the same source, fact, windows, grouping, member filters, row limit and row scope run as ONE
 * statement selecting the union of their measures, and each caller reads its own measures back. So aliases
 * (and fields) of one request over the same fact cost one statement, not one each.
 *
 * The merge rule: everything but the measures must be equal. Queries whose filters or grouping differ stay
 * separate statements: widening one to the other's filters (or grouping by the finer set and adding up in
 * the hub) would read rows one caller did not ask for and change what the row limit counts. The scope is
 * part of the key, so statements of different principals never merge (a request has one principal anyway).
 * The rows a grouped statement returns do not depend on its measures (a group exists when a row does), so a
 * caller's rows are those it would have read alone.
 */
export interface AggregateBatch {
  load(source: string, query: AggregateQuery, call: CallContext): Promise<BatchedAggregate>;
}

interface Pending {
  source: string;
  query: AggregateQuery;
  call: CallContext;
  waiting: Array<{ measures: readonly string[]; resolve(a: BatchedAggregate): void; reject(e: unknown): void }>;
}

export function createAggregateBatch(adapters: ReadonlyMap<string, SourceAdapter>): AggregateBatch {
  let pending = new Map<string, Pending>();
  const flush = () => {
    const batch = pending;
    pending = new Map();
    for (const group of batch.values()) void run(group);
  };
  const run = async ({ source, query, call, waiting }: Pending) => {
    const measures = [...new Set(waiting.flatMap((w) => w.measures))].sort();
    let event: StatementEvent | undefined;
    // Recorded once, on the first caller's trace: one statement ran, whoever reads it.
    const traced: CallContext = { scope: call.scope, trace: { record: (e) => ((event = e), call.trace.record(e)) } };
    try {
      const rows = await adapters.get(source)!.aggregate({ ...query, measures }, traced);
      for (const w of waiting) {
        const own = w.measures.length === measures.length ? rows : rows.map((r) => project(r, w.measures));
        w.resolve({ rows: own, event });
      }
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  };
  return {
    load(source, query, call) {
      const key = JSON.stringify([source, { ...query, measures: [] }, call.scope]);
      return new Promise<BatchedAggregate>((resolve, reject) => {
        let group = pending.get(key);
        if (!group) {
          if (pending.size === 0) setImmediate(flush);
          pending.set(key, (group = { source, query, call, waiting: [] }));
        }
        group.waiting.push({ measures: query.measures, resolve, reject });
      });
    },
  };
}

function project(row: AggregateRow, measures: readonly string[]): AggregateRow {
  const out: AggregateRow['measures'] = {};
  for (const m of measures) out[m] = row.measures[m] ?? null;
  return { dimensions: row.dimensions, measures: out };
}
