import type { Request, Response } from 'express';

/** The media types of a GraphQL answer over HTTP (GraphQL-over-HTTP): the newer one when the client asks for it. */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/**
 * Answers errors the hub refuses outside Apollo (authentication, throttles, persisted-document ids) as
 * Apollo answers its own: `{ errors: [...] }`, as `application/graphql-response+json` when the request's
 * Accept prefers it, else `application/json`.
 */
export function sendErrors(
  req: Request,
  res: Response,
  status: number,
  errors: ReadonlyArray<{ message: string; extensions: Record<string, unknown> }>,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const type =
    req.accepts(['application/json', GRAPHQL_RESPONSE_JSON]) === GRAPHQL_RESPONSE_JSON
      ? GRAPHQL_RESPONSE_JSON
      : 'application/json';
  res.status(status).type(`${type}; charset=utf-8`).send(JSON.stringify({ errors }));
}
