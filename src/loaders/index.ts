import type DataLoader from 'dataloader';
import type { EntityName } from '../model/entities';
import type { CallContext, NeutralRow, SourceAdapter } from '../sources/contract';
import { createAggregateLoader, type AggregateKey, type MeasureValue } from './aggregate-loader';
import { createRowsLoader } from './rows-loader';

export type { AggregateKey, MeasureValue };

/** The request's loaders: created per request in the context factory, never shared between viewers. */
export interface Loaders {
  rows(source: string, entity: EntityName, field: string): DataLoader<string, NeutralRow[]>;
  aggregate: DataLoader<AggregateKey, MeasureValue, string>;
}

export function createLoaders(
  adapters: ReadonlyMap<string, SourceAdapter>,
  callFor: (source: string) => CallContext,
  limits: { maxBatchSize: number; maxAggregateMembers: number },
): Loaders {
  const rowLoaders = new Map<string, DataLoader<string, NeutralRow[]>>();
  return {
    rows(source, entity, field) {
      const id = `${source}|${entity}|${field}`;
      let loader = rowLoaders.get(id);
      if (!loader) {
        const adapter = adapters.get(source);
        if (!adapter) throw new Error(`Unknown source "${source}"`);
        loader = createRowsLoader(adapter, entity, field, callFor(source), limits.maxBatchSize);
        rowLoaders.set(id, loader);
      }
      return loader;
    },
    aggregate: createAggregateLoader(adapters, callFor, limits.maxAggregateMembers),
  };
}
