import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RefusalAudit } from '../audit/refusal-audit';
import type { HubConfig } from '../config/schema';
import type { Viewer } from '../auth/viewer';
import { logger } from '../logger';
import { viewerOf } from './authentication';
import type { ClientAddresses } from './guards/client-address';
import { TokenBuckets, type Take } from './guards/token-buckets';

/**
 * The per-principal rate limit (token bucket): `burst` requests at once, refilled at `perMinute`. ONE
 * limiter per server, spent by HTTP requests, WebSocket connections and subscribe operations alike.
 * In process: with several hub instances each enforces its own share.
 */
export class PrincipalLimiter {
  private readonly buckets: TokenBuckets;

  constructor(
    readonly settings: HubConfig['limits']['rateLimit'],
    now: () => number = Date.now,
    maxPrincipals = 100_000,
  ) {
    this.buckets = new TokenBuckets({ capacity: settings.burst, perMinute: settings.perMinute, maxKeys: maxPrincipals }, now);
  }

  take(principal: string): Take {
    return this.buckets.take(principal);
  }

  message(principal: string, retryAfterSeconds: number): string {
    return `Too many requests: at most ${this.settings.perMinute} a minute (bursts of ${this.settings.burst}) for ${principal}. Retry after ${retryAfterSeconds} s.`;
  }
}

/**
 * Express: beyond the principal's limit the request is answered 429 with Retry-After (seconds) and
 * recorded in the audit log (aggregated per principal and interval); nothing executes.
 */
export function rateLimit(limiter: PrincipalLimiter, refusals: RefusalAudit, addresses: ClientAddresses): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const viewer: Viewer = viewerOf(req);
    const verdict = limiter.take(viewer.principal);
    if (verdict.ok) return next();
    const retryAfter = verdict.retryAfterSeconds;
    const message = limiter.message(viewer.principal, retryAfter);
    try {
      await refusals.record({ kind: 'RATE_LIMITED', errorCode: 'RATE_LIMITED', message, ip: addresses.of(req), principal: viewer.principal, roles: viewer.roles });
    } catch (error) {
      logger.error({ err: error }, 'could not audit a rate-limited request');
      res.status(503).json({ errors: [{ message: 'The request could not be audited, so it was not answered.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
      return;
    }
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }] });
  };
}
