import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { resolveViewer } from '../auth/principal';
import type { Viewer } from '../auth/viewer';
import { HubError } from '../errors';
import type { HubRuntime } from '../hub/runtime';
import { logger } from '../logger';

const VIEWER = Symbol('viewer');

/**
 * Every GraphQL request is authenticated before the schema sees it: the bearer token or API key is
 * verified, HR is asked whether the employee is still employed, the policy gives roles and row scope.
 * A refusal is a 401/403 with a coded GraphQL error (and, with the audit log, a record of it).
 */
export function authentication(runtime: HubRuntime, onRefused?: (req: Request, error: HubError) => Promise<void>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const identity = await runtime.authenticator.authenticate({
        authorization: req.headers.authorization,
        'x-api-key': headerValue(req.headers['x-api-key']),
      });
      const viewer = await resolveViewer(identity, runtime.policy, runtime.org, new Date().toISOString().slice(0, 10));
      (req as Request & { [VIEWER]?: Viewer })[VIEWER] = viewer;
      next();
    } catch (error) {
      const refusal = error instanceof HubError ? error : internal(error);
      try {
        await onRefused?.(req, refusal);
      } catch (auditError) {
        logger.error({ err: auditError }, 'could not audit a refused request');
        res.status(503).json({ errors: [{ message: 'The request could not be audited, so it was not answered.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] });
        return;
      }
      const status = (refusal.extensions.http as { status?: number } | undefined)?.status ?? 500;
      res.status(status).json({ errors: [{ message: refusal.message, extensions: { code: refusal.extensions.code } }] });
    }
  };
}

export function viewerOf(req: Request): Viewer {
  const viewer = (req as Request & { [VIEWER]?: Viewer })[VIEWER];
  if (!viewer) throw new Error('viewerOf: the request was not authenticated');
  return viewer;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function internal(error: unknown): HubError {
  const errorId = randomUUID();
  logger.error({ errorId, err: error }, 'authentication failed internally');
  return new HubError('INTERNAL_SERVER_ERROR', `Internal error (id: ${errorId}).`, { errorId, http: { status: 500 } });
}
