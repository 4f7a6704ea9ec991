import type { HubContext } from '../app/context';

const caches = new WeakMap<HubContext, Map<string, unknown>>();

/** One instance per request (a DataLoader, a computed tree) created on first use and gone with the request. */
export function perRequest<T>(ctx: HubContext, key: string, create: () => T): T {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, create());
  return cache.get(key) as T;
}
