import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HubError } from '../errors';
import { sendErrors } from './error-answer';
import type { DocumentRequest, TrustedDocuments } from './trusted-documents';

/**
 * HTTP's half of persisted documents (trusted-documents mode): a POST body or GET parameters naming a
 * registered document by `documentId` or Apollo's `extensions.persistedQuery` are rewritten to carry its
 * text, before Apollo reads them; an unknown id is answered 404 PERSISTED_QUERY_NOT_FOUND here.
 */
export function persistedDocuments(trusted: TrustedDocuments): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method === 'POST' && req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
        req.body = trusted.resolve(req.body as DocumentRequest);
      } else if (req.method === 'GET') {
        rewriteSearch(req, trusted);
      }
      next();
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      const { http, ...extensions } = error.extensions as { http?: { status?: number } };
      sendErrors(req, res, http?.status ?? 400, [{ message: error.message, extensions }]);
    }
  };
}

function rewriteSearch(req: Request, trusted: TrustedDocuments): void {
  const url = new URL(req.url, 'http://hub.invalid');
  const params = url.searchParams;
  let extensions: unknown;
  try {
    extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
  } catch {
    return; // Apollo answers a malformed `extensions` parameter itself.
  }
  const asked: DocumentRequest = {
    query: params.get('query') ?? undefined,
    documentId: params.get('documentId') ?? undefined,
    extensions,
  };
  const resolved = trusted.resolve(asked);
  if (resolved === asked) return;
  params.delete('documentId');
  params.set('query', resolved.query as string);
  if (resolved.extensions) params.set('extensions', JSON.stringify(resolved.extensions));
  else params.delete('extensions');
  req.url = `${url.pathname}${url.search}`;
}
