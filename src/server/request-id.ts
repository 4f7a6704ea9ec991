import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');

/** The response header that carries the id of the request's audit record (what a user quotes in a complaint). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every request on /graphql an id of the hub's own (a client-sent x-request-id is not trusted: it would
 * let a caller make two records share an id) and returns it in `x-request-id` — on answers and refusals
 * alike. The audit record of the request carries the same id (`AuditRecord.requestId`).
 */
export function requestIds(req: Request, res: Response, next: NextFunction): void {
  const id = randomUUID();
  (req as Request & { [REQUEST_ID]?: string })[REQUEST_ID] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/** The request's id (a fresh one when the middleware did not run, e.g. in a test harness). */
export function requestIdOf(req: Request): string {
  const holder = req as Request & { [REQUEST_ID]?: string };
  return (holder[REQUEST_ID] ??= randomUUID());
}
