import type { AuditEntry } from '../audit/record';
import { freshnessScope, type Freshness } from '../cache/freshness';

/**
 * One request's pieces of the response cache (src/server/response-cache.ts) meeting: the freshness scope the
 * result cache reports into, the pipeline's verdict (may the answer be kept?), the audit entry written.
 */
export class ResponseSlot implements Freshness {
  until = Number.POSITIVE_INFINITY;
  cacheable = false;
  entry: AuditEntry | undefined;
}

const SLOT = Symbol('responseSlot');
/** The slot of each request's GraphQL context (set by the context function from the HTTP request's). */
const ofContext = new WeakMap<object, ResponseSlot>();

/** The response cache gives the HTTP request its slot. */
export function giveSlot(req: object, slot: ResponseSlot): void {
  (req as { [SLOT]?: ResponseSlot })[SLOT] = slot;
}

/** The context function (src/server/app.ts): the GraphQL context of `req` shares its slot, when it has one. */
export function shareSlot(req: object, contextValue: object): void {
  const slot = (req as { [SLOT]?: ResponseSlot })[SLOT];
  if (slot) ofContext.set(contextValue, slot);
}

/**
 * The slot of the request being served, when the response cache looks at it: the one of its GraphQL context,
 * or the freshness scope's (AsyncLocalStorage, entered only when the result cache may answer: see
 * serveResponseCache).
 */
export function slotOf(contextValue?: object): ResponseSlot | undefined {
  const slot = contextValue ? ofContext.get(contextValue) : undefined;
  if (slot) return slot;
  const scope = freshnessScope.getStore();
  return scope instanceof ResponseSlot ? scope : undefined;
}

/** The audit plugin hands over the entry it wrote (only once it is committed). */
export function auditedForResponseCache(entry: AuditEntry, contextValue?: object): void {
  const slot = slotOf(contextValue);
  if (slot) slot.entry = entry;
}
