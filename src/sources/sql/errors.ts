import { randomUUID } from 'node:crypto';
import { HubError } from '../../errors';
import { logger } from '../../logger';

/** A driver error becomes a coded error naming the source; the cause goes to the log only. */
export function sourceFailure(source: string, fingerprint: string, cause: unknown): HubError {
  const errorId = randomUUID();
  logger.error({ errorId, source, fingerprint, err: cause }, 'source statement failed');
  return new HubError('SOURCE_UNAVAILABLE', `Source "${source}" could not answer (error id: ${errorId}); fields from other sources are unaffected.`, {
    source,
    errorId,
  });
}

/** A programming or configuration mistake: which name was unknown and which exist. */
export function unknownName(source: string, what: string, name: string, known: readonly string[]): Error {
  return new Error(`Source "${source}": unknown ${what} "${name}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
}
