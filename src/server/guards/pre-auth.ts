import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RefusalAudit, Refusal } from '../../audit/refusal-audit';
import { logger } from '../../logger';
import { sendErrors } from '../error-answer';
import type { ClientAddresses } from './client-address';
import { TokenBuckets, type Take } from './token-buckets';

export interface PreAuthSettings {
  maxRefusals: number;
  windowSeconds: number;
  maxAddresses: number;
}

/** A refused request's answer: status, body, headers. */
export interface RefusalAnswer {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

/**
 * Throttling before authentication, per client address: every refused request (missing or bad
 * credentials, unknown API key, 413, bad JSON, a revoked or role-less employee) spends a token of its
 * address's bucket (`limits.preAuth.maxRefusals`, refilled over `windowSeconds`); an address whose bucket
 * is empty is answered 429 with Retry-After before its body is read or its credentials are looked at —
 * which is what stops API-key guessing. Successful requests spend nothing and only pay a lookup.
 * Internal errors (ours, not the client's) spend nothing either.
 */
export class PreAuthGuard {
  private readonly buckets: TokenBuckets;

  constructor(
    settings: PreAuthSettings,
    readonly refusals: RefusalAudit,
    readonly addresses: ClientAddresses,
    now: () => number = Date.now,
  ) {
    this.buckets = new TokenBuckets(
      {
        capacity: settings.maxRefusals,
        perMinute: (settings.maxRefusals * 60) / settings.windowSeconds,
        maxKeys: settings.maxAddresses,
      },
      now,
    );
  }

  /** Whether the address may still be heard (used by the WebSocket upgrade too). */
  check(address: string): Take {
    return this.buckets.check(address);
  }

  /** Express: 429 for an address that has spent its refusals (audited as THROTTLED, aggregated). */
  readonly gate: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const address = this.addresses.of(req);
    const verdict = this.check(address);
    if (verdict.ok) return next();
    void this.answer(
      res,
      {
        kind: 'THROTTLED',
        errorCode: 'RATE_LIMITED',
        message: throttledMessage(verdict.retryAfterSeconds),
        ip: address,
      },
      throttled(verdict.retryAfterSeconds),
    );
  };

  /**
   * Records a refusal and answers it; when its audit record cannot be written the answer is 503
   * AUDIT_UNAVAILABLE instead (fail closed).
   */
  refuse(req: Request, res: Response, refusal: Omit<Refusal, 'ip'>, answer: RefusalAnswer): Promise<void> {
    return this.answer(res, { ...refusal, ip: this.addresses.of(req) }, answer);
  }

  /**
   * Records a refusal (HTTP and WebSocket alike); one that was the client's own before authentication
   * spends from its address — not ours (INTERNAL), not the throttle's, not one of a known principal.
   * Rejects when its record could not be written.
   */
  async record(refusal: Refusal): Promise<void> {
    const spends = refusal.principal === undefined && refusal.kind !== 'INTERNAL' && refusal.kind !== 'THROTTLED';
    if (spends && refusal.ip) this.buckets.take(refusal.ip);
    await this.refusals.record(refusal);
  }

  private async answer(res: Response, refusal: Refusal, answer: RefusalAnswer): Promise<void> {
    try {
      await this.record(refusal);
    } catch (error) {
      logger.error({ err: error }, 'could not audit a refused request');
      sendErrors(res.req, res, 503, [
        {
          message: 'The request could not be audited, so it was not answered.',
          extensions: { code: 'AUDIT_UNAVAILABLE' },
        },
      ]);
      return;
    }
    sendErrors(
      res.req,
      res,
      answer.status,
      [{ message: answer.message, extensions: { ...answer.extensions, code: answer.code } }],
      answer.headers,
    );
  }
}

export function throttledMessage(retryAfterSeconds: number): string {
  return `Too many refused requests from this address: retry after ${retryAfterSeconds} s.`;
}

function throttled(retryAfterSeconds: number): RefusalAnswer {
  return {
    status: 429,
    code: 'RATE_LIMITED',
    message: throttledMessage(retryAfterSeconds),
    headers: { 'Retry-After': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  };
}
