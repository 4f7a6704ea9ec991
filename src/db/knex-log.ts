import { logger } from '../logger';

/** knex prints pool and driver complaints with console.log; they belong in the structured log. */
export const knexLog = {
  warn: (message: unknown) => logger.warn({ component: 'knex' }, String(message)),
  error: (message: unknown) => logger.error({ component: 'knex' }, String(message)),
  deprecate: (message: unknown) => logger.warn({ component: 'knex' }, String(message)),
  debug: (message: unknown) => logger.debug({ component: 'knex' }, String(message)),
};
