import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long what a request computed stays fresh: the earliest expiry of the cached results it read and of the
 * results it cached (an uncacheable result — time to live 0 — makes it "now"). The response cache
 * (src/server/response-cache.ts) opens a scope per request and keeps the answer no longer than this, so an
 * answer is never served staler than the results it was built from would have been.
 */
export interface Freshness {
  /** Milliseconds since the epoch; Infinity until a result is read or cached. */
  until: number;
}

export const freshnessScope = new AsyncLocalStorage<Freshness>();

/** Notes that the request's answer holds a result fresh until `expires` (ms since the epoch). */
export function freshUntil(expires: number): void {
  const scope = freshnessScope.getStore();
  if (scope && expires < scope.until) scope.until = expires;
}
