import { LRUCache } from 'lru-cache';

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface BucketSettings {
  /** Tokens a key starts with and can hold at most. */
  capacity: number;
  /** Tokens added back per minute. */
  perMinute: number;
  /** Keys tracked at most; beyond, the least recently used key is forgotten (it starts full again). */
  maxKeys: number;
}

/**
 * Token buckets by key (a principal, a client address), bounded in memory: an LRU of at most `maxKeys`
 * buckets. A forgotten bucket is a full one, so forgetting only ever favours the key, never refuses it.
 */
export class TokenBuckets {
  private readonly buckets: LRUCache<string, { tokens: number; at: number }>;
  private readonly refillPerMs: number;

  constructor(
    readonly settings: BucketSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new LRUCache({ max: settings.maxKeys });
    this.refillPerMs = settings.perMinute / 60_000;
  }

  /** Spends one token when there is one; otherwise says when there will be. */
  take(key: string): Take {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: this.retryAfter(bucket.tokens) };
  }

  /** Whether the key has a token, without spending it. */
  check(key: string): Take {
    const bucket = this.buckets.peek(key);
    if (!bucket) return { ok: true };
    const tokens = Math.min(this.settings.capacity, bucket.tokens + (this.now() - bucket.at) * this.refillPerMs);
    return tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: this.retryAfter(tokens) };
  }

  /** Keys tracked now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string): { tokens: number; at: number } {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.capacity, at: t };
    bucket.tokens = Math.min(this.settings.capacity, bucket.tokens + (t - bucket.at) * this.refillPerMs);
    bucket.at = t;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private retryAfter(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000));
  }
}
