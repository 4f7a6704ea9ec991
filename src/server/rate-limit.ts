import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RefusalAudit } from '../audit/refusal-audit';
import type { HubConfig } from '../config/schema';
import type { Viewer } from '../auth/viewer';
import { logger } from '../logger';
import { viewerOf } from './authentication';
import type { ClientAddresses } from './guards/client-address';
import { TokenBuckets, type Take } from './guards/token-buckets';

/** Where the limiter counts: in process (token buckets) or shared by replicas (./guards/shared-rate-store.ts). */
export interface RateStore {
  take(principal: string): Take | Promise<Take>;
}

/**
 * The per-principal rate limit: `burst` requests at once, refilled at `perMinute`. ONE limiter per server,
 * spent by HTTP requests, WebSocket connections and subscribe operations alike. Its store: token buckets in
 * process by default (each hub process enforces the limit for itself); with Redis configured, a count
 * shared by every replica.
 */
export class PrincipalLimiter {
  private readonly store: RateStore;

  constructor(
    readonly settings: HubConfig['limits']['rateLimit'],
    now: () => number = Date.now,
    maxPrincipals = 100_000,
    store?: RateStore,
  ) {
    this.store =
      store ??
      new TokenBuckets({ capacity: settings.burst, perMinute: settings.perMinute, maxKeys: maxPrincipals }, now);
  }

  async take(principal: string): Promise<Take> {
    return this.store.take(principal);
  }

  message(principal: string, retryAfterSeconds: number): string {
    return `Too many requests: at most ${this.settings.perMinute} a minute (bursts of ${this.settings.burst}) for ${principal}. Retry after ${retryAfterSeconds} s.`;
  }
}

/** Who spends from the limiter, as the refusal ledger names them. */
export interface Requester {
  principal: string;
  roles: readonly string[];
  ip: string | null;
}

/**
 * One request, connection or subscribe of `who`: undefined when the limiter admits it; otherwise its
 * refusal is recorded in the audit log (aggregated per principal and interval, `what` prefixed to the
 * message) and returned. Rejects when that record cannot be written: the caller answers AUDIT_UNAVAILABLE.
 */
export async function spendRate(
  limiter: PrincipalLimiter,
  refusals: RefusalAudit,
  who: Requester,
  what = '',
): Promise<{ message: string; retryAfterSeconds: number } | undefined> {
  const verdict = await limiter.take(who.principal);
  if (verdict.ok) return undefined;
  const message = limiter.message(who.principal, verdict.retryAfterSeconds);
  await refusals.record({ kind: 'RATE_LIMITED', errorCode: 'RATE_LIMITED', message: `${what}${message}`, ...who });
  return { message, retryAfterSeconds: verdict.retryAfterSeconds };
}

/**
 * Express: beyond the principal's limit the request is answered 429 with Retry-After (seconds) and
 * recorded in the audit log (aggregated per principal and interval); nothing executes.
 */
export function rateLimit(
  limiter: PrincipalLimiter,
  refusals: RefusalAudit,
  addresses: ClientAddresses,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const viewer: Viewer = viewerOf(req);
    let refused: Awaited<ReturnType<typeof spendRate>>;
    try {
      refused = await spendRate(limiter, refusals, {
        principal: viewer.principal,
        roles: viewer.roles,
        ip: addresses.of(req),
      });
    } catch (error) {
      logger.error({ err: error }, 'could not audit a rate-limited request');
      res.status(503).json({
        errors: [
          {
            message: 'The request could not be audited, so it was not answered.',
            extensions: { code: 'AUDIT_UNAVAILABLE' },
          },
        ],
      });
      return;
    }
    if (!refused) return next();
    res.setHeader('Retry-After', String(refused.retryAfterSeconds));
    res.status(429).json({
      errors: [
        {
          message: refused.message,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: refused.retryAfterSeconds },
        },
      ],
    });
  };
}
