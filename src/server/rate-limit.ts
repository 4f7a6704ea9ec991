import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { auditRefused } from '../audit/audit-plugin';
import type { HubRuntime } from '../hub/runtime';
import { viewerOf } from './authentication';

/**
 * Per-principal rate limit (token bucket): `burst` requests at once, refilled at `perMinute`. Beyond it the
 * request is answered 429 with Retry-After (seconds) and recorded in the audit log; nothing executes.
 * In process: with several hub instances each enforces its own share.
 */
export function rateLimit(runtime: HubRuntime, now: () => number = Date.now): RequestHandler {
  const { perMinute, burst } = runtime.config.limits.rateLimit;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return async (req: Request, res: Response, next: NextFunction) => {
    const viewer = viewerOf(req);
    const t = now();
    const bucket = buckets.get(viewer.principal) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * refillPerMs);
    bucket.at = t;
    buckets.set(viewer.principal, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    const message = `Too many requests: at most ${perMinute} a minute (bursts of ${burst}) for ${viewer.principal}. Retry after ${retryAfter} s.`;
    try {
      await auditRefused(runtime.audit, { requestId: randomUUID(), reason: message, ip: req.ip, principal: viewer.principal, roles: viewer.roles, errorCode: 'RATE_LIMITED' });
    } catch {
      res.status(503).json({ errors: [{ message: 'The request could not be audited, so it was not answered.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
      return;
    }
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }] });
  };
}
