import type { SharedResultCache } from '../cache/shared-result-cache';
import type { Governance } from '../governance/service';
import { logger } from '../logger';
import type { NoticeCenter } from '../notices/notice-center';
import type { Notice } from '../notices/types';
import type { SharedState } from '../replicas/shared-state';

/** Channels between replicas (namespaced by redis.keyPrefix). */
export const CHANNELS = { governance: 'governance', notices: 'notices' } as const;

/**
 * What one replica tells the others through the shared state, and what it does when told:
 * - it changed the published definitions → every replica re-reads them from the store at once and drops
 *   its in-memory cache tier (`governance.refreshSeconds` stays as the fallback for missed messages);
 * - it published a lifecycle notice → every replica's graphql-ws subscribers get it (after that replica
 *   re-read the definitions, so a newly published indicator's notice passes the visibility check);
 * - Redis came back after an outage → re-read the definitions (messages sent meanwhile were lost).
 */
export function shareAcrossReplicas(
  shared: SharedState,
  parts: { governance: Governance; cache: SharedResultCache; notices: NoticeCenter },
): void {
  const { governance, cache, notices } = parts;
  let reloading: Promise<void> = Promise.resolve();
  const reload = (why: string) => {
    reloading = governance
      .reload()
      .then(() => cache.clear())
      .catch((error: unknown) => logger.warn({ err: error, why }, 'could not re-read the indicator definitions'));
    return reloading;
  };
  governance.onPublishedChange = () => {
    cache.invalidate();
    shared.publish(CHANNELS.governance, { changed: true });
  };
  shared.subscribe(CHANNELS.governance, () => void reload('another replica changed the definitions'));
  notices.relay = (notice) => shared.publish(CHANNELS.notices, notice);
  shared.subscribe(CHANNELS.notices, (payload) => {
    const notice = payload as Notice;
    void reloading.then(() => notices.fromReplica(notice));
  });
  shared.onChange((up) => {
    if (up) void reload('the shared state is back');
  });
}
