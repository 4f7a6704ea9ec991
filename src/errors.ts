import { GraphQLError } from 'graphql';

/**
 * The two kinds of error (after Apollo Server and Graphile):
 * - HubError: coded, written for the client, safe to show as is.
 * - anything else: masked by the server as "Internal error (id: …)" and logged with its cause.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SUPPRESSED'
  | 'SOURCE_UNAVAILABLE'
  | 'SOURCE_TIMEOUT'
  /** Optimistic concurrency: someone changed the thing first; the message names its current version. */
  | 'CONFLICT'
  /** An archived indicator queried where the configuration says archived indicators are an error. */
  | 'ARCHIVED'
  /** indicatorValues estimated to produce more cells than limits.maxResponseCells: refused before any statement. */
  | 'RESPONSE_TOO_LARGE'
  /** An aggregate statement returned more rows than limits.maxStatementRows. */
  | 'TOO_MANY_ROWS'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR';

export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'HubError';
  }
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new HubError('BAD_USER_INPUT', message, extensions);

/** Start-up configuration errors: they stop the process with a message naming the key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
