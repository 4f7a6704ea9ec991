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

/** The slot of the request being served, when the response cache looks at it. */
export function slotOf(): ResponseSlot | undefined {
  const scope = freshnessScope.getStore();
  return scope instanceof ResponseSlot ? scope : undefined;
}

/** The audit plugin hands over the entry it wrote (only once it is committed). */
export function auditedForResponseCache(entry: AuditEntry): void {
  const slot = slotOf();
  if (slot) slot.entry = entry;
}
