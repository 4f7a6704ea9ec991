import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { logger } from '../logger';

/**
 * Coded errors (HubError and GraphQL's own parse/validation errors) reach the client as written, minus
 * any stack trace. Everything else is an internal error: the client gets an id, the log gets the cause.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError || !(original instanceof Error)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const errorId = randomUUID();
  logger.error({ errorId, err: original, path: formatted.path }, 'internal error');
  return {
    message: `Internal error (id: ${errorId}). The hub's operators can find the cause in its log under this id.`,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}

/** Errors that leave outside Apollo's own formatting (a subscription's events): the same rule, one by one. */
export function formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((e) => formatError(e.toJSON(), e));
}
