import type { ErrorRequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { RefusalKind } from '../audit/refusal-audit';
import { logger } from '../logger';
import type { PreAuthGuard } from './guards/pre-auth';

/** What body-parser and the HTTP layer attach to the errors they pass on (http-errors). */
interface TransportError {
  type?: string;
  status?: number;
  statusCode?: number;
}

type Refusal = [kind: RefusalKind, status: number, code: string, message: string];

/**
 * The answer to a body the parser could not read, by body-parser's error type; any other client error
 * (a corrupt gzip or br stream, an aborted or mis-sized body, too many parameters) is a 400 BAD_REQUEST.
 * Messages are fixed texts: nothing of the parser's own message (a zlib diagnostic, a file path) is echoed.
 */
function refusalOf(error: TransportError, bodyLimitBytes: number): Refusal | undefined {
  const status = statusOf(error);
  if (status === undefined || status < 400 || status > 499) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return ['BODY_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${bodyLimitBytes} bytes.`];
    case 'entity.parse.failed':
      return ['BAD_JSON', 400, 'BAD_REQUEST', 'The request body is not valid JSON.'];
    case 'charset.unsupported':
      return ['BAD_BODY', 415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON in UTF-8 (charset=utf-8).'];
    case 'encoding.unsupported':
      return [
        'BAD_BODY',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'The request body may be sent plain (identity) or compressed with gzip, deflate or br, nothing else.',
      ];
    default:
      return [
        'BAD_BODY',
        400,
        'BAD_REQUEST',
        'The request body could not be read (a corrupt compressed stream, an aborted upload or a wrong Content-Length).',
      ];
  }
}

function statusOf(error: TransportError): number | undefined {
  const status = error.status ?? error.statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

/**
 * Express error handler for the GraphQL route: every client error of the transport (bodies the parser
 * refuses: too large, not JSON, an unsupported charset or content-encoding, a corrupt gzip/br stream) is
 * answered as a coded JSON 4xx before authentication, audited and spent from its address's pre-auth budget
 * like every other refusal (src/server/guards/pre-auth.ts). Anything else goes on to `lastResort`.
 */
export function transportRefusals(guard: PreAuthGuard, bodyLimitBytes: number): ErrorRequestHandler {
  return (error: TransportError, req, res, next) => {
    const refusal = error && typeof error === 'object' ? refusalOf(error, bodyLimitBytes) : undefined;
    if (!refusal || res.headersSent) return next(error);
    const [kind, status, code, message] = refusal;
    void guard.refuse(req, res, { kind, errorCode: code, message }, { status, code, message });
  };
}

/**
 * The production error handler, last on the app: Express's own would render an HTML page with the stack
 * trace and absolute paths (outside NODE_ENV=production). Here every error is JSON: a client error keeps
 * its 4xx status with a fixed message, anything else is 500 INTERNAL_SERVER_ERROR with an id the log has
 * the cause under. A response already started is cut off (its socket destroyed), never continued.
 */
export const lastResort: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) {
    logger.error({ err: error, path: req.path }, 'error after the response started: connection closed');
    req.socket.destroy();
    return;
  }
  const status = error && typeof error === 'object' ? statusOf(error as TransportError) : undefined;
  if (status !== undefined && status >= 400 && status <= 499) {
    res.status(status).json({
      errors: [{ message: 'The request could not be read.', extensions: { code: 'BAD_REQUEST' } }],
    });
    return;
  }
  const errorId = randomUUID();
  logger.error({ errorId, err: error, path: req.path }, 'internal error outside GraphQL');
  res.status(500).json({
    errors: [
      {
        message: `Internal error (id: ${errorId}). The hub's operators can find the cause in its log under this id.`,
        extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
      },
    ],
  });
};
