import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RefusalAudit, Refusal } from '../../audit/refusal-audit';
import type http from 'node:http';
import { logger } from '../../logger';
import type { Credentials } from './credentials';
import { sendErrors } from '../error-answer';
import type { ClientAddresses } from './client-address';
import { requestIdOf } from '../request-id';
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

/** Verifies credentials without a statement (a JWT's signature and claims, an API key's digest): true when they hold. */
export type VerifyCredentials = (credentials: Credentials) => Promise<boolean>;

/** The characters of a presented API key that name its throttle bucket (never logged, never stored). */
export const KEY_PREFIX_LENGTH = 8;

/**
 * Throttling the refusals, not the address (OWASP: never let other clients' failures lock a valid user
 * out). Every refused request (missing or bad credentials, unknown API key, 413, bad JSON, an unreadable
 * body, a revoked or role-less employee) spends a token of its address's bucket (`limits.preAuth.maxRefusals`,
 * refilled over `windowSeconds`) — and an unknown API key also one of its key prefix's bucket (the first
 * KEY_PREFIX_LENGTH characters: guesses spread over many addresses stay throttled). Once a bucket is empty,
 * a request from that address (or with that key prefix) is let through only when its credentials verify —
 * a JWT with a valid signature, a known API key, checked in memory without a statement; anything else is
 * answered 429 with Retry-After before its body is read. So an office NAT or an untrusted proxy shared
 * with an attacker keeps working for everyone with valid credentials, while guesses stay throttled.
 * Successful requests spend nothing. Internal errors (ours, not the client's) spend nothing either.
 */
export class PreAuthGuard {
  private readonly buckets: TokenBuckets;
  private readonly prefixes: TokenBuckets;

  constructor(
    settings: PreAuthSettings,
    readonly refusals: RefusalAudit,
    readonly addresses: ClientAddresses,
    private readonly verify: VerifyCredentials = async () => false,
    now: () => number = Date.now,
  ) {
    const bucket = {
      capacity: settings.maxRefusals,
      perMinute: (settings.maxRefusals * 60) / settings.windowSeconds,
      maxKeys: settings.maxAddresses,
    };
    this.buckets = new TokenBuckets(bucket, now);
    this.prefixes = new TokenBuckets(bucket, now);
  }

  /** Whether the address may still be heard without verified credentials. */
  check(address: string): Take {
    return this.buckets.check(address);
  }

  /**
   * Whether a request from `address` with `credentials` may go on: yes while neither its address nor its
   * API key's prefix has spent its refusals; after that only with credentials that verify.
   */
  async admits(address: string, credentials: Credentials): Promise<Take> {
    const byAddress = this.buckets.check(address);
    const key = credentials['x-api-key'];
    const byPrefix = key ? this.prefixes.check(prefixOf(key)) : ({ ok: true } as Take);
    const verdict = !byAddress.ok ? byAddress : byPrefix;
    if (verdict.ok) return verdict;
    if ((credentials.authorization || key) && (await this.verify(credentials).catch(() => false))) return { ok: true };
    return verdict;
  }

  /** Express: 429 for an address or key prefix that has spent its refusals, unless the credentials verify
   *  (audited as THROTTLED, aggregated). */
  readonly gate: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    const address = this.addresses.of(req);
    const verdict = await this.admits(address, credentialsOf(req.headers));
    if (verdict.ok) return next();
    await this.answer(
      res,
      {
        kind: 'THROTTLED',
        errorCode: 'RATE_LIMITED',
        message: throttledMessage(verdict.retryAfterSeconds),
        ip: address,
        requestId: requestIdOf(req),
      },
      throttled(verdict.retryAfterSeconds),
    );
  };

  /**
   * Records a refusal and answers it; when its audit record cannot be written the answer is 503
   * AUDIT_UNAVAILABLE instead (fail closed).
   */
  refuse(req: Request, res: Response, refusal: Omit<Refusal, 'ip'>, answer: RefusalAnswer): Promise<void> {
    return this.answer(
      res,
      { ...refusal, ip: this.addresses.of(req), requestId: requestIdOf(req) },
      answer,
      credentialsOf(req.headers)['x-api-key'],
    );
  }

  /**
   * Records a refusal (HTTP and WebSocket alike); one that was the client's own before authentication
   * spends from its address — not ours (INTERNAL), not the throttle's, not one of a known principal.
   * Rejects when its record could not be written.
   */
  async record(refusal: Refusal, apiKey?: string): Promise<void> {
    const spends = refusal.principal === undefined && refusal.kind !== 'INTERNAL' && refusal.kind !== 'THROTTLED';
    if (spends && refusal.ip) this.buckets.take(refusal.ip);
    if (spends && apiKey && refusal.kind === 'UNKNOWN_API_KEY') this.prefixes.take(prefixOf(apiKey));
    await this.refusals.record(refusal);
  }

  private async answer(res: Response, refusal: Refusal, answer: RefusalAnswer, apiKey?: string): Promise<void> {
    try {
      await this.record(refusal, apiKey);
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

const prefixOf = (key: string) => key.slice(0, KEY_PREFIX_LENGTH);

/** The credentials of HTTP headers (an upgrade request's too). */
export function credentialsOf(headers: http.IncomingHttpHeaders): Credentials {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return { authorization: first(headers.authorization), 'x-api-key': first(headers['x-api-key']) };
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
