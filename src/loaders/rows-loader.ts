import DataLoader from 'dataloader';
import type { EntityName } from '../model/entities';
import type { CallContext, NeutralRow, SourceAdapter } from '../sources/contract';

/**
 * Rows of one entity from one source whose `field` equals each requested key: one statement per batch
 * (`WHERE field IN (...)`), results in key order, [] for keys without rows, the source's error for every
 * key of a failed batch.
 */
export function createRowsLoader(
  adapter: SourceAdapter,
  entity: EntityName,
  field: string,
  call: CallContext,
  maxBatchSize: number,
): DataLoader<string, NeutralRow[]> {
  return new DataLoader<string, NeutralRow[]>(
    async (keys) => {
      const rows = await adapter.fetch({ entity, where: { field, keys } }, call);
      const byKey = new Map<string, NeutralRow[]>();
      for (const row of rows) {
        const value = row[field];
        if (value === null || value === undefined) continue;
        const list = byKey.get(String(value));
        if (list) list.push(row);
        else byKey.set(String(value), [row]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    },
    { maxBatchSize },
  );
}
