import pino from 'pino';

/**
 * Structured JSON logs on stdout. Level from LOG_LEVEL (default info; tests run with "silent" unless
 * LOG_LEVEL is set). Connection strings and passwords are redacted wherever they appear as fields.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: { service: 'indicator-hub' },
  redact: { paths: ['*.password', '*.url', 'password', 'url', 'connection', '*.connection'], censor: '[redacted]' },
});
