import { setImmediate as nextTurn } from 'node:timers/promises';

/** Cells evaluated (and completed by GraphQL) per turn of the event loop. */
export const CHUNK_CELLS = 2000;

/**
 * A list whose items are made a chunk at a time, yielding to the event loop between chunks, so a large
 * table never holds the process for its whole evaluation: other requests (and /healthz) are served between
 * chunks. Returns one promise per item at once; GraphQL completes each list item when its promise settles,
 * so the response's own assembly is spread over the same turns. `weight` is the cells one item holds.
 */
export function inChunks<T>(
  count: number,
  weight: number,
  make: (index: number) => T,
  budget = CHUNK_CELLS,
): Array<Promise<T>> {
  const settle: Array<{ resolve(value: T): void; reject(error: unknown): void }> = new Array(count);
  const items = Array.from(
    { length: count },
    (_, i) => new Promise<T>((resolve, reject) => (settle[i] = { resolve, reject })),
  );
  const perChunk = Math.max(1, Math.floor(budget / Math.max(1, weight)));
  void (async () => {
    for (let start = 0; start < count; start += perChunk) {
      await nextTurn();
      for (let i = start; i < Math.min(count, start + perChunk); i++) {
        try {
          settle[i]!.resolve(make(i));
        } catch (error) {
          settle[i]!.reject(error);
        }
      }
    }
  })();
  return items;
}

/** GraphQL completes a list whose items are promises item by item; the generated resolver types only
 *  know plain items, so the list is typed as its items' values. */
export function asListItems<T>(items: Array<Promise<T>>): T[] {
  return items as unknown as T[];
}
