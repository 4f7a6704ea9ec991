import { createHash } from 'node:crypto';

/** The key a verified token is remembered under: its sha256 (the token itself is not kept). */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/**
 * Tokens that passed verification, each until a deadline (its `exp`), at most `capacity` of them (the oldest
 * remembered is dropped first). A token seen again before its deadline needs no signature check, no JSON
 * parsing and no claim checks — the same answer, since none of those checks can change their verdict while
 * the key is the same and the token has not expired (`exp` only comes closer; `nbf`, `iat` and the lifetime
 * bound only get easier to meet as time passes). At the deadline the entry is gone and the token is verified
 * again, which refuses it as expired.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(digest: string): T | undefined {
    const entry = this.entries.get(digest);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.value;
    this.entries.delete(digest);
    return undefined;
  }

  /** Remembers `value` until `until` (ms since the epoch); nothing when that has passed or capacity is 0. */
  set(digest: string, value: T, until: number): void {
    if (this.capacity <= 0 || !(until > this.now())) return;
    this.entries.delete(digest);
    this.entries.set(digest, { value, until });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
