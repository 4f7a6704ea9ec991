import { once } from 'node:events';
import type { Request, RequestHandler, Response } from 'express';
import type { HubRuntime } from '../app/runtime';
import { csvHeader, csvLine, jsonlLine } from '../audit/export-format';
import { entryOutsideGraphQL } from '../audit/record';
import { logger } from '../logger';
import { viewerOf } from './authentication';
import type { ClientAddresses } from './guards/client-address';
import { requestIdOf } from './request-id';

const PAGE = 500;
const MAX_LIMIT = 1_000_000;

/**
 * GET /audit/export?from=<date-time>&to=<date-time>&format=jsonl|csv[&after=<seq>&limit=<n>]: a period of
 * the audit log, oldest first, streamed page by page (500 records a statement, memory flat), for whoever
 * may read `Query.auditLog`. The period is the unbroken run of records from the first written at or after
 * `from` to the last written before `to`; `after`/`limit` page through a long one (the next page starts
 * after the last seq received; the `x-audit-last-seq` header says where the period ends). The export is
 * itself audited (event type audit_access, operation "audit:export", its arguments) before anything is
 * sent; if that record cannot be written nothing is.
 */
export function auditExport(runtime: HubRuntime, addresses: ClientAddresses): RequestHandler {
  return async (req: Request, res: Response) => {
    const viewer = viewerOf(req);
    const fail = (status: number, code: string, message: string) =>
      void res.status(status).json({ errors: [{ message, extensions: { code } }] });
    const allowed = runtime.policy.field('Query', 'auditLog', viewer.roles).decision === 'allow';
    const q = req.query as Record<string, string | undefined>;
    const format = q.format ?? 'jsonl';
    const args = { from: q.from ?? null, to: q.to ?? null, format, after: q.after ?? null, limit: q.limit ?? null };
    const after = q.after === undefined ? 0 : Number(q.after);
    const limit = q.limit === undefined ? MAX_LIMIT : Number(q.limit);
    let problem: string | undefined;
    if (format !== 'jsonl' && format !== 'csv') problem = `format must be jsonl or csv, got "${format}".`;
    else if (!Number.isSafeInteger(after) || after < 0) problem = 'after must be a record number (seq) ≥ 0.';
    else if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      problem = `limit must be an integer from 1 to ${MAX_LIMIT}.`;
    let bounds: { first: number; last: number } | null = null;
    if (!problem && allowed) {
      try {
        bounds = await runtime.audit.periodBounds(q.from, q.to);
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    try {
      await runtime.audit.append(
        entryOutsideGraphQL({
          requestId: requestIdOf(req),
          principal: viewer.principal,
          roles: [...viewer.roles],
          scope: viewer.scopeDescription,
          operationName: 'audit:export',
          outcome: !allowed ? 'denied' : problem ? 'error' : 'ok',
          errorCodes: !allowed ? ['FORBIDDEN'] : problem ? ['BAD_USER_INPUT'] : [],
          ip: addresses.of(req),
          reason: problem ?? null,
          eventType: 'audit_access',
          arguments: args,
        }),
      );
    } catch (error) {
      logger.error({ err: error }, 'could not audit an audit export: refused');
      return fail(503, 'AUDIT_UNAVAILABLE', 'The request could not be audited, so it was not answered.');
    }
    if (!allowed) return fail(403, 'FORBIDDEN', 'Not permitted: your roles may not read the audit log.');
    if (problem) return fail(400, 'BAD_USER_INPUT', problem);
    res.status(200);
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="audit-log.${format}"`);
    res.setHeader('x-audit-last-seq', String(bounds?.last ?? 0));
    const write = async (text: string) => {
      if (!res.write(text)) await once(res, 'drain');
    };
    if (format === 'csv') await write(csvHeader());
    if (bounds) {
      let cursor = Math.max(after, bounds.first - 1);
      let left = limit;
      while (left > 0 && cursor < bounds.last && !res.destroyed) {
        const rows = await runtime.audit.scan(cursor, Math.min(PAGE, left));
        const inPeriod = rows.filter((r) => r.seq <= bounds!.last);
        for (const row of inPeriod) await write(format === 'csv' ? csvLine(row) : jsonlLine(row));
        if (rows.length === 0 || inPeriod.length < rows.length) break;
        left -= inPeriod.length;
        cursor = inPeriod[inPeriod.length - 1]!.seq;
      }
    }
    res.end();
  };
}
