import { GraphQLError } from 'graphql';
import type { CatalogueCode } from './error-catalogue';

/** Every code the hub answers, with its HTTP status and extensions: src/error-catalogue.ts (the contract). */
export type ErrorCode = CatalogueCode;

/**
 * The two kinds of error (after Apollo Server and Graphile):
 * - HubError: coded, written for the client, safe to show as is.
 * - anything else: masked by the server as "Internal error (id: …)" and logged with its cause.
 */
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
