/**
 * The result cache behind an interface: in-process by default; a shared store (Redis) can implement the
 * same three calls later. Entries are per-source aggregate results keyed by statement, definition versions
 * and the viewer's resolved scope, each with its own time to live.
 */
export interface CachedResult<T> {
  value: T;
  /** When the source answered (ISO timestamp): the data's as-of time. */
  asOf: string;
}

export interface ResultCache {
  get<T>(key: string): CachedResult<T> | undefined;
  set<T>(key: string, value: T, ttlMs: number, asOf: string): void;
  clear(): void;
}

/** A bounded LRU map with per-entry expiry. */
export class InMemoryResultCache implements ResultCache {
  private readonly entries = new Map<string, { value: unknown; asOf: string; expires: number }>();

  constructor(
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string): CachedResult<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { value: entry.value as T, asOf: entry.asOf };
  }

  set<T>(key: string, value: T, ttlMs: number, asOf: string): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, asOf, expires: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
