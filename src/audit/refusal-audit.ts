import { randomUUID } from 'node:crypto';
import { logger } from '../logger';
import type { AuditLog } from './audit-log';
import { entryOutsideGraphQL } from './record';

/** What a refused request was, as the audit log names it (`AuditRecord.refusals.kind`). */
export type RefusalKind =
  | 'BODY_TOO_LARGE'
  | 'BAD_JSON'
  /** A body the transport could not read: unsupported charset or content-encoding, corrupt gzip/br. */
  | 'BAD_BODY'
  | 'MISSING_CREDENTIALS'
  | 'BAD_TOKEN'
  | 'UNKNOWN_API_KEY'
  | 'ACCESS_REVOKED'
  | 'NO_ROLE'
  | 'THROTTLED'
  | 'RATE_LIMITED'
  | 'TOKEN_EXPIRED'
  | 'TOO_MANY_CONNECTIONS'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'INTERNAL';

export interface Refusal {
  kind: RefusalKind;
  /** The code the client received (UNAUTHENTICATED, PAYLOAD_TOO_LARGE, RATE_LIMITED…). */
  errorCode: string;
  /** What the client was told — never the credential itself. */
  message: string;
  /** Who, when the refusal came after authentication; otherwise "anonymous". */
  principal?: string | undefined;
  /** Whom the credential identified although it was refused (a departed employee's valid token, a key
   *  whose roles are gone): recorded as the record's principal. Not an authenticated principal: the
   *  refusal still spends from its address's pre-authentication budget. */
  identified?: string | undefined;
  roles?: readonly string[] | undefined;
  ip: string | null;
  /** The request id the client was given (x-request-id); a record of several names the first one's. */
  requestId?: string | undefined;
}

interface Window {
  /** Refusals counted since the last record of this key. */
  pending: { refusal: Refusal; count: number; firstAt: string; lastAt: string } | null;
  /** No refusal since the previous tick: the key is forgotten at the next one. */
  idle: boolean;
}

/** Every key past the cap folds into one per kind: counted, never dropped. */
const OVERFLOW = '*';

export interface RefusalAuditOptions {
  /** A key's counted refusals are written at least this often. */
  intervalSeconds: number;
  /** Keys tracked at most; beyond, refusals fold into one key per kind. */
  maxKeys: number;
  /**
   * A key's count is written as soon as it reaches this many (the request that reaches it waits for the
   * write, and is refused 503 when it fails). 1 writes every refusal. Default 10.
   */
  maxUnwritten?: number;
}

/**
 * The audit records of refused requests, aggregated so that a flood of refusals cannot become a flood of
 * audit rows (each one a serialised, hash-chained append): the first refusal of a (principal, identified
 * person, address, kind) is recorded at once — the caller awaits it, and a request whose record cannot be
 * written is not answered (fail closed); the following ones are counted and written as one record with
 * `refusals: { kind, count, firstAt, lastAt }` every `intervalSeconds`, or as soon as `maxUnwritten` are
 * counted (awaited by the request that reached it). A key quiet for a whole interval is forgotten.
 *
 * **Bound on loss** (a crash, `kill -9`): per key at most `maxUnwritten − 1` refusals, none older than
 * `intervalSeconds`, are only in memory; the first of every key is always on disk before it is answered.
 * At most `maxKeys` keys are tracked; beyond, refusals are counted under address and principal "*" per kind.
 *
 * An aggregated record's `at` is when it was **written** (its refusals' own times are `firstAt`..`lastAt`),
 * so records are ordered and timed by writing: a period that was readable never gains a record later.
 * `close()` writes what is still counted.
 */
export class RefusalAudit {
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  private readonly maxUnwritten: number;

  constructor(
    private readonly log: AuditLog,
    private readonly options: RefusalAuditOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.maxUnwritten = Math.max(1, options.maxUnwritten ?? 10);
    this.timer = setInterval(() => void this.flush(), options.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Records one refusal; rejects when it had to be written at once and could not be. */
  async record(refusal: Refusal): Promise<void> {
    const at = this.now().toISOString();
    let key = keyOf(refusal);
    if (!this.windows.has(key) && this.windows.size >= this.options.maxKeys) {
      refusal = { ...refusal, principal: OVERFLOW, identified: undefined, roles: [], ip: OVERFLOW };
      key = keyOf(refusal);
    }
    const window = this.windows.get(key);
    if (window) {
      window.idle = false;
      if (window.pending) {
        window.pending.count += 1;
        window.pending.lastAt = at;
      } else {
        window.pending = { refusal, count: 1, firstAt: at, lastAt: at };
      }
      if (window.pending.count < this.maxUnwritten) return;
      const pending = window.pending;
      window.pending = null;
      try {
        await this.write(pending.refusal, pending.count, pending.firstAt, pending.lastAt);
      } catch (error) {
        this.restore(window, pending);
        throw error;
      }
      return;
    }
    this.windows.set(key, { pending: null, idle: false });
    try {
      await this.write(refusal, 1, at, at);
    } catch (error) {
      this.windows.delete(key);
      throw error;
    }
  }

  /** Writes every counted refusal (one record per key); forgets keys quiet since the previous flush. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }

  private async flushOnce(): Promise<void> {
    for (const [key, window] of [...this.windows]) {
      const pending = window.pending;
      if (!pending) {
        if (window.idle) this.windows.delete(key);
        else window.idle = true;
        continue;
      }
      window.pending = null;
      window.idle = false;
      try {
        await this.write(pending.refusal, pending.count, pending.firstAt, pending.lastAt);
      } catch (error) {
        // Kept, merged with what arrives meanwhile, and tried again at the next flush.
        logger.error(
          { err: error, kind: pending.refusal.kind, count: pending.count },
          'could not write the audit record of aggregated refusals; retrying later',
        );
        this.restore(window, pending);
      }
    }
  }

  /** Puts back a count that could not be written, merged with what arrived meanwhile. */
  private restore(window: Window, pending: NonNullable<Window['pending']>): void {
    const now = window.pending;
    window.pending = now ? { ...pending, count: pending.count + now.count, lastAt: now.lastAt } : pending;
  }

  private async write(refusal: Refusal, count: number, firstAt: string, lastAt: string): Promise<void> {
    await this.log.append(
      entryOutsideGraphQL({
        at: this.now().toISOString(),
        requestId: refusal.requestId ?? randomUUID(),
        principal: refusal.principal ?? refusal.identified ?? 'anonymous',
        roles: [...(refusal.roles ?? [])],
        outcome: 'refused',
        errorCodes: [refusal.errorCode],
        ip: refusal.ip,
        reason:
          count === 1
            ? refusal.message
            : `${refusal.message} (${count} refusals of this kind, ${firstAt} to ${lastAt})`,
        refusals: { kind: refusal.kind, count, firstAt, lastAt },
        eventType: 'authentication',
      }),
    );
  }
}

function keyOf(r: Refusal): string {
  return JSON.stringify([r.principal ?? 'anonymous', r.identified ?? null, r.ip, r.kind, r.errorCode]);
}
