import { logger } from '../logger';
import { sharedCacheReads } from '../observability/metrics';
import type { SharedState } from '../replicas/shared-state';
import type { CachedResult, CacheStats, InMemoryResultCache, ResultCache } from './result-cache';

interface SharedEntry {
  value: unknown;
  asOf: string;
  /** When the entry expires (ms since the epoch): what a replica copying it keeps it for. */
  expires: number;
}

/** The channel telling every replica to drop its in-memory tier (a definition changed). */
export const INVALIDATE_CHANNEL = 'cache:invalidate';

/**
 * The result cache of a replica with Redis configured: this process's memory in front of a shared tier.
 * Keys are the same as in memory (statement, definitions' fingerprints, the viewer's scope), so a result
 * one replica computed is a hit on every other; a changed definition changes the fingerprint, hence the
 * key — and `invalidate()` tells every replica to drop its memory tier at once. With Redis down, reads and
 * writes of the shared tier are skipped (each replica caches for itself) until it answers again.
 */
export class SharedResultCache implements ResultCache {
  constructor(
    private readonly local: InMemoryResultCache,
    private readonly shared: SharedState,
  ) {
    shared.subscribe(INVALIDATE_CHANNEL, () => local.clear());
  }

  async get<T>(key: string): Promise<CachedResult<T> | undefined> {
    const near = this.local.get<T>(key);
    if (near) return near;
    const redis = this.shared.commands();
    if (!redis) return undefined;
    let raw: string | null;
    try {
      raw = await redis.get(this.keyOf(key));
    } catch (error) {
      sharedCacheReads.inc({ outcome: 'error' });
      logger.debug({ err: error }, 'shared cache unavailable: computing locally');
      return undefined;
    }
    if (raw === null) {
      sharedCacheReads.inc({ outcome: 'miss' });
      return undefined;
    }
    const entry = JSON.parse(raw) as SharedEntry;
    const left = entry.expires - Date.now();
    if (left <= 0) return undefined;
    sharedCacheReads.inc({ outcome: 'hit' });
    this.local.set(key, entry.value, left, entry.asOf);
    return { value: entry.value as T, asOf: entry.asOf };
  }

  set<T>(key: string, value: T, ttlMs: number, asOf: string): void {
    this.local.set(key, value, ttlMs, asOf);
    const redis = this.shared.commands();
    if (!redis || ttlMs <= 0) return;
    const entry: SharedEntry = { value, asOf, expires: Date.now() + ttlMs };
    redis.set(this.keyOf(key), JSON.stringify(entry), 'PX', ttlMs).catch((error: unknown) => {
      logger.debug({ err: error }, 'could not write the shared cache');
    });
  }

  clear(): void {
    this.local.clear();
  }

  /** Every replica drops its memory tier (a definition changed); the shared tier is keyed by fingerprints. */
  invalidate(): void {
    this.local.clear();
    this.shared.publish(INVALIDATE_CHANNEL, {});
  }

  stats(): CacheStats {
    return this.local.stats();
  }

  close(): void {
    this.local.close();
  }

  private keyOf(key: string): string {
    return this.shared.key(`cache:${key}`);
  }
}
