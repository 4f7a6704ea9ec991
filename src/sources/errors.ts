import { randomUUID } from 'node:crypto';
import type { DriverFailure } from '../db/dialect';
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

/**
 * A driver error becomes a coded error naming the source; the cause goes to the log only. `failure` is what
 * the connection's dialect made of it (src/db/dialects): a timeout is SOURCE_TIMEOUT and never retried (the
 * statement may still run), a transient connection failure may be tried once more.
 */
export function sourceFailure(
  source: string,
  fingerprint: string,
  cause: unknown,
  failure: DriverFailure = 'other',
): SourceError {
  const errorId = randomUUID();
  logger.error({ errorId, source, fingerprint, err: cause }, 'source statement failed');
  if (failure === 'timeout') {
    return new SourceError(
      'SOURCE_TIMEOUT',
      `Source "${source}" did not answer in time (error id: ${errorId}); fields from other sources are unaffected.`,
      { source, errorId },
      false,
    );
  }
  return new SourceError(
    'SOURCE_UNAVAILABLE',
    `Source "${source}" could not answer (error id: ${errorId}); fields from other sources are unaffected.`,
    { source, errorId },
    failure === 'transient',
  );
}

/** A programming or configuration mistake: which name was unknown and which exist. */
export function unknownName(source: string, what: string, name: string, known: readonly string[]): Error {
  return new Error(
    `Source "${source}": unknown ${what} "${name}"${known.length ? ` (known: ${known.join(', ')})` : ''}`,
  );
}
