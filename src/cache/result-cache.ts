import { LRUCache } from 'lru-cache';
import { approximateBytes } from './approximate-bytes';
import { freshUntil } from './freshness';

/**
 * The result cache behind an interface: in-process by default; with Redis configured, memory in front of
 * a tier the replicas share (src/cache/shared-result-cache.ts). Entries are per-source aggregate results keyed by statement, definition versions
 * and the viewer's resolved scope, each with its own time to live.
 */
export interface CachedResult<T> {
  value: T;
  /** When the source answered (ISO timestamp): the data's as-of time. */
  asOf: string;
}

export interface ResultCache {
  /** In memory the answer is immediate; a shared tier (src/cache/shared-result-cache.ts) answers later. */
  get<T>(key: string): CachedResult<T> | undefined | Promise<CachedResult<T> | undefined>;
  set<T>(key: string, value: T, ttlMs: number, asOf: string): void;
  clear(): void;
  /** What the cache holds now (served on /metrics). */
  stats(): CacheStats;
  /** Stops background work (the purge timer); the cache may not be used afterwards. */
  close(): void;
}

export interface CacheStats {
  entries: number;
  /** Estimated bytes of the entries held (see approximateBytes). */
  bytes: number;
  maxBytes: number;
}

export interface InMemoryCacheOptions {
  /** Entries held at most (least recently used go first). */
  maxEntries?: number;
  /** Estimated bytes held at most (least recently used go first); an entry larger than this is not kept. */
  maxBytes?: number;
  /** How often expired entries are dropped even if nobody reads them again; 0 = only when read. */
  purgeIntervalMs?: number;
  /** The clock (tests drive it by hand). */
  now?: () => number;
}

interface Entry {
  value: unknown;
  asOf: string;
  expires: number;
}

/**
 * lru-cache bounded by entry count and by estimated bytes, with a time to live per entry. Expired entries
 * are dropped when read and by `purgeStale()` on an unref'd timer (one timer for the cache, not one per
 * entry as `ttlAutopurge` would set), so memory held by results nobody asks for again is given back.
 */
export class InMemoryResultCache implements ResultCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly timer: NodeJS.Timeout | undefined;
  /** maxEntries 0 or maxBytes 0: nothing is cached. */
  private readonly disabled: boolean;

  constructor(options: InMemoryCacheOptions = {}) {
    const { maxEntries = 2000, maxBytes = 64 * 1024 * 1024, purgeIntervalMs = 60_000, now = Date.now } = options;
    this.now = now;
    this.maxBytes = maxBytes;
    this.lru = new LRUCache<string, Entry>({
      max: Math.max(1, maxEntries),
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (entry, key) => Math.max(1, approximateBytes(entry) + approximateBytes(key)),
      perf: { now },
      // The injected clock is exact; expiry is also checked against `expires` on every read.
      ttlResolution: 0,
      updateAgeOnGet: false,
    });
    this.disabled = maxEntries === 0 || maxBytes === 0;
    if (purgeIntervalMs > 0) {
      this.timer = setInterval(() => this.lru.purgeStale(), purgeIntervalMs);
      this.timer.unref();
    }
  }

  get<T>(key: string): CachedResult<T> | undefined {
    const entry = this.lru.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.lru.delete(key);
      return undefined;
    }
    freshUntil(entry.expires);
    return { value: entry.value as T, asOf: entry.asOf };
  }

  set<T>(key: string, value: T, ttlMs: number, asOf: string): void {
    // What the request computed from this value is fresh no longer than the value itself.
    freshUntil(this.now() + Math.max(0, this.disabled ? 0 : ttlMs));
    if (ttlMs <= 0 || this.disabled) return;
    // lru-cache refuses (and does not store) an entry larger than maxBytes; an older entry under the same
    // key is dropped too, so a stale value never outlives a refused replacement.
    this.lru.delete(key);
    this.lru.set(key, { value, asOf, expires: this.now() + ttlMs }, { ttl: ttlMs });
  }

  clear(): void {
    this.lru.clear();
  }

  /** Drops every expired entry now (the timer does this every purgeIntervalMs). */
  purgeStale(): void {
    this.lru.purgeStale();
  }

  stats(): CacheStats {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize, maxBytes: this.maxBytes };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get size(): number {
    return this.lru.size;
  }
}
