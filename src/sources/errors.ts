import { randomUUID } from 'node:crypto';
import { HubError } from '../errors';
import { logger } from '../logger';

/**
 * A source's failure as the client sees it: coded, naming the source, never its host, SQL or credentials.
 * `retryable` (not serialised) tells the resilience layer whether one more try may help.
 */
export class SourceError extends HubError {
  constructor(
    code: 'SOURCE_UNAVAILABLE' | 'SOURCE_TIMEOUT',
    message: string,
    extensions: Record<string, unknown>,
    readonly retryable: boolean,
  ) {
    super(code, message, extensions);
  }
}

/** A driver error becomes a coded error naming the source; the cause goes to the log only. */
export function sourceFailure(source: string, fingerprint: string, cause: unknown): SourceError {
  const errorId = randomUUID();
  logger.error({ errorId, source, fingerprint, err: cause }, 'source statement failed');
  if (isTimeout(cause)) {
    return new SourceError('SOURCE_TIMEOUT', `Source "${source}" did not answer in time (error id: ${errorId}); fields from other sources are unaffected.`, { source, errorId }, false);
  }
  return new SourceError(
    'SOURCE_UNAVAILABLE',
    `Source "${source}" could not answer (error id: ${errorId}); fields from other sources are unaffected.`,
    { source, errorId },
    isTransient(cause),
  );
}

/**
 * PostgreSQL 57014 (statement_timeout), MariaDB 1969 (max_statement_time), or knex's client-side query
 * timeout — which tags the error with `timeout` whether or not cancelling the query on the server worked.
 */
function isTimeout(cause: unknown): boolean {
  const e = cause as { code?: string | number; errno?: number; timeout?: unknown };
  return e?.code === '57014' || e?.errno === 1969 || typeof e?.timeout === 'number';
}

/** Connection-level failures a second try may get past (never a timeout: the statement may still run). */
function isTransient(cause: unknown): boolean {
  const code = (cause as { code?: string })?.code;
  return code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'PROTOCOL_CONNECTION_LOST' || code === '57P01';
}

/** A programming or configuration mistake: which name was unknown and which exist. */
export function unknownName(source: string, what: string, name: string, known: readonly string[]): Error {
  return new Error(`Source "${source}": unknown ${what} "${name}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
}
