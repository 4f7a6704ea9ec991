import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Viewer } from '../auth/viewer';
import type { HubRuntime } from '../app/runtime';
import { authenticateCredentials, CredentialsRefused } from './guards/credentials';
import type { PreAuthGuard } from './guards/pre-auth';
import { RequestTrace } from '../observability/trace';
import { logger } from '../logger';

const VIEWER = Symbol('viewer');
const TRACE = Symbol('trace');

/** The request's trace, begun at authentication (its identity and scope lookups are counted in it). */
export function traceOf(req: Request): RequestTrace | undefined {
  return (req as Request & { [TRACE]?: RequestTrace })[TRACE];
}

/**
 * Every GraphQL request is authenticated before the schema sees it: the bearer token or API key is
 * verified, HR is asked whether the employee is still employed, the policy gives roles and row scope.
 * A refusal is a 401/403 with a coded GraphQL error, recorded (aggregated) in the audit log as what it
 * was, and spends from its address's pre-authentication budget (src/server/guards/pre-auth.ts).
 */
export function authentication(runtime: HubRuntime, guard: PreAuthGuard): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const trace = new RequestTrace();
      const { viewer } = await authenticateCredentials(
        runtime,
        { authorization: req.headers.authorization, 'x-api-key': headerValue(req.headers['x-api-key']) },
        trace.access,
      );
      (req as Request & { [VIEWER]?: Viewer })[VIEWER] = viewer;
      (req as Request & { [TRACE]?: RequestTrace })[TRACE] = trace;
      // Roles that differ from those last recorded for this principal (HR data changed) become an audit record.
      await runtime.auditSystem
        .observe(viewer)
        .catch((failure: unknown) => logger.error({ err: failure }, 'could not record an effective-role change'));
      next();
    } catch (error) {
      if (!(error instanceof CredentialsRefused)) throw error;
      const { kind, error: refusal, identified } = error;
      const { code, http, ...extensions } = refusal.extensions as { code: string; http?: { status?: number } };
      const status = http?.status ?? 500;
      await guard.refuse(
        req,
        res,
        { kind, errorCode: code, message: refusal.message, identified },
        {
          status,
          code,
          message: refusal.message,
          // The refusal's kind is the reason a client can act on (INTERNAL carries its errorId instead).
          extensions: kind === 'INTERNAL' ? extensions : { ...extensions, reason: kind },
          headers: status === 401 ? { 'WWW-Authenticate': challenge(kind) } : {},
        },
      );
    }
  };
}

/** RFC 6750: the scheme the hub accepts; `invalid_token` when a token was sent and not accepted. */
function challenge(kind: string): string {
  const realm = 'Bearer realm="indicator-hub"';
  return kind === 'BAD_TOKEN' || kind === 'ACCESS_REVOKED' ? `${realm}, error="invalid_token"` : realm;
}

export function viewerOf(req: Request): Viewer {
  const viewer = (req as Request & { [VIEWER]?: Viewer })[VIEWER];
  if (!viewer) throw new Error('viewerOf: the request was not authenticated');
  return viewer;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
