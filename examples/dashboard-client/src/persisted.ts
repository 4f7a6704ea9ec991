import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLClient, type RequestMiddleware } from 'graphql-request';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Persisted documents on the wire: a typed document the client preset generated carries its manifest id
 * (`__meta__.hash`, "sha256:<hex>"); only that id is sent — `{ documentId, variables }`, GraphQL over
 * HTTP's persisted documents — never the text. The hub in trusted-documents mode runs the text it was
 * given in the manifest.
 */
export function documentIdOf(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string')
    throw new Error('not a persisted document: run `npm run codegen` (persistedDocuments: true)');
  return hash;
}

/** Where the hub is and who asks: HUB_URL, and HUB_TOKEN (a bearer token) or HUB_API_KEY. */
export interface Hub {
  url: string;
  headers: Record<string, string>;
}

export function hubFromEnv(env: NodeJS.ProcessEnv = process.env): Hub {
  const headers: Record<string, string> = {};
  if (env.HUB_TOKEN) headers.authorization = `Bearer ${env.HUB_TOKEN}`;
  else if (env.HUB_API_KEY) headers['x-api-key'] = env.HUB_API_KEY;
  else throw new Error('set HUB_TOKEN (npm run demo:tokens in the hub prints one) or HUB_API_KEY');
  return { url: env.HUB_URL ?? 'http://127.0.0.1:4000/graphql', headers };
}

/** graphql-request's body `{ query, variables, operationName }` becomes `{ documentId, variables, operationName }`. */
const byDocumentId =
  (documentId: string): RequestMiddleware =>
  (request) => ({
    ...request,
    body: JSON.stringify({ documentId, operationName: request.operationName, variables: request.variables }),
  });

/** Runs a generated query by its document id over HTTP (graphql-request); typed result, or a ClientError. */
export async function request<TResult, TVariables extends Record<string, unknown>>(
  hub: Hub,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const client = new GraphQLClient(hub.url, {
    headers: { ...hub.headers, accept: 'application/graphql-response+json' },
    requestMiddleware: byDocumentId(documentIdOf(document as TypedDocumentNode<unknown, never>)),
  });
  return client.request<TResult>({ document, variables });
}

/** A graphql-ws client on the hub's /graphql: credentials go in connection_init, as the HTTP headers would. */
export function wsClient(hub: Hub): Client {
  return createClient({
    url: hub.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: hub.headers,
    lazy: true,
    retryAttempts: 0,
  });
}

/** Subscribes to a generated subscription by its document id; yields its typed events. */
export function subscribe<TResult, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): AsyncIterableIterator<{ data?: TResult | null; errors?: ReadonlyArray<{ message: string; extensions?: unknown }> }> {
  const documentId = documentIdOf(document as TypedDocumentNode<unknown, never>);
  // graphql-ws requires `query` to be a string: an empty one, the id says which registered document to run.
  return client.iterate<TResult>({ query: '', variables, documentId } as Parameters<Client['iterate']>[0]) as never;
}
