import type DataLoader from 'dataloader';
import type { EntityName } from '../model/entities';
import type { CallContext, NeutralRow, SourceAdapter } from '../sources/contract';
import { createAggregateBatch, type AggregateBatch } from './aggregate-batch';
import { createRowsLoader } from './rows-loader';
import { createStatementMemo, type StatementMemo } from './statement-memo';
import { createValuesLoader, type ComputeValues, type MemberValue, type ValueKey } from './values-loader';

export type { AggregateBatch, ComputeValues, MemberValue, StatementMemo, ValueKey };

/** The request's loaders: created per request in the context factory, never shared between viewers. */
export interface Loaders {
  rows(source: string, entity: EntityName, field: string): DataLoader<string, NeutralRow[]>;
  /** Rows of `entity` the request already read from `source` (a list's), by key: a later lookup of one of
   *  them by key (a name, a parent) is answered from here without a statement. One map write per row —
   *  priming the loader cost a promise per row. */
  known(source: string, entity: EntityName): Map<string, NeutralRow>;
  /** Entities' figures and indicators, batched per (dimension, period) into one computation. */
  values: DataLoader<ValueKey, MemberValue, string>;
  /** The request's one answer per aggregate statement (src/engine/fetch.ts reads through it). */
  statements: StatementMemo;
  /** The request's aggregate statements, coalesced per turn: one per (source, fact, windows, grouping,
   *  filters, scope), the union of the measures its callers ask for (src/loaders/aggregate-batch.ts). */
  aggregates: AggregateBatch;
}

export function createLoaders(
  adapters: ReadonlyMap<string, SourceAdapter>,
  callFor: (source: string) => CallContext,
  limits: { maxBatchSize: number; maxAggregateMembers: number },
  computeValues: ComputeValues,
): Loaders {
  const rowLoaders = new Map<string, DataLoader<string, NeutralRow[]>>();
  const knownRows = new Map<string, Map<string, NeutralRow>>();
  let last: { source: string; entity: string; field: string; loader: DataLoader<string, NeutralRow[]> } | undefined;
  return {
    known(source, entity) {
      const id = `${source}|${entity}`;
      let rows = knownRows.get(id);
      if (!rows) knownRows.set(id, (rows = new Map()));
      return rows;
    },
    rows(source, entity, field) {
      // Called once per parent row of a relation: the last loader asked for is answered without a key string.
      if (last && last.source === source && last.entity === entity && last.field === field) return last.loader;
      const id = `${source}|${entity}|${field}`;
      let loader = rowLoaders.get(id);
      if (!loader) {
        const adapter = adapters.get(source);
        if (!adapter) throw new Error(`Unknown source "${source}"`);
        loader = createRowsLoader(adapter, entity, field, callFor(source), limits.maxBatchSize);
        rowLoaders.set(id, loader);
      }
      last = { source, entity, field, loader };
      return loader;
    },
    values: createValuesLoader(computeValues, limits.maxAggregateMembers),
    statements: createStatementMemo(),
    aggregates: createAggregateBatch(adapters),
  };
}
