import type { ApolloServerPlugin } from '@apollo/server';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type ASTNode, type DocumentNode } from 'graphql';
import { ConfigError, HubError } from '../errors';
import type { HubContext } from '../app/context';

/** A request body (HTTP POST, GET parameters, or a graphql-ws subscribe payload) as far as documents go. */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/**
 * Trusted documents (for production dashboards): only operations registered in a file may run. The file
 * is a persisted-documents manifest as GraphQL Code Generator's client preset writes it —
 * `{ "sha256:<hex>": "query …" }` — or the older form without the prefix; each key must be the sha256 of
 * its text. A registered operation is accepted:
 * - by id: `{ "documentId": "sha256:<hex>" }` (GraphQL-over-HTTP persisted documents) or Apollo's
 *   `extensions.persistedQuery.sha256Hash` (with or without the prefix), over HTTP and WebSocket;
 * - as full text, whatever its whitespace, comments or selection order: the document is compared after
 *   normalisation (parse, canonical order, print), not byte for byte.
 * An unknown id is PERSISTED_QUERY_NOT_FOUND (404); an unregistered text is FORBIDDEN / UNTRUSTED_DOCUMENT
 * (403). Introspection is an unregistered document too: GraphiQL cannot load the schema from such a hub
 * (see README "For dashboard teams").
 */
export class TrustedDocuments {
  private constructor(
    private readonly byHash: ReadonlyMap<string, string>,
    private readonly normalised: ReadonlySet<string>,
  ) {}

  static load(file: string): TrustedDocuments {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `Trusted documents file ${file} cannot be read as JSON: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ConfigError(`Trusted documents file ${file}: expected an object { "sha256:<hex>": "<query>" }`);
    const byHash = new Map<string, string>();
    const normalised = new Set<string>();
    for (const [key, text] of Object.entries(parsed)) {
      const where = `Trusted documents file ${file}: the entry ${key.slice(0, 19)}…`;
      const hash = hexOf(key);
      if (hash === undefined)
        throw new ConfigError(`${where} is not a sha256 key (64 hex digits, optionally prefixed "sha256:").`);
      if (typeof text !== 'string') throw new ConfigError(`${where} has no query text (expected a string).`);
      if (sha256(text) !== hash) throw new ConfigError(`${where}: its hex is not the sha256 of its text.`);
      let key2: string;
      try {
        key2 = normaliseDocument(text);
      } catch (error) {
        throw new ConfigError(`${where} is not a GraphQL document: ${(error as Error).message}`);
      }
      byHash.set(hash, text);
      normalised.add(key2);
    }
    return new TrustedDocuments(byHash, normalised);
  }

  get size(): number {
    return this.byHash.size;
  }

  /**
   * The registered text a request names by id (documentId or Apollo's persistedQuery hash), written into
   * `query` with the id removed — so the rest of the pipeline sees an ordinary full-text request. A request
   * without an id is returned as it was. A request with both a text and an id (Apollo Client's retry after
   * PERSISTED_QUERY_NOT_FOUND) is decided by its text: the id is dropped. Throws PERSISTED_QUERY_NOT_FOUND
   * for an id alone that is not registered.
   */
  resolve<T extends DocumentRequest>(request: T): T {
    const ext = isObject(request.extensions) ? request.extensions : undefined;
    const persisted = ext && isObject(ext.persistedQuery) ? ext.persistedQuery : undefined;
    const id = request.documentId ?? persisted?.sha256Hash;
    if ((id === undefined || id === null) && !persisted) return request;
    const hasText = typeof request.query === 'string' && request.query.trim() !== '';
    const hash = typeof id === 'string' ? hexOf(id) : undefined;
    const text = hasText ? (request.query as string) : hash !== undefined ? this.byHash.get(hash) : undefined;
    if (text === undefined) {
      throw new HubError(
        'PERSISTED_QUERY_NOT_FOUND',
        'No registered operation has this document id: register it with the hub operators (trusted documents).',
        { reason: 'UNKNOWN_DOCUMENT_ID', http: { status: 404 } },
      );
    }
    const { documentId: _id, extensions: _ext, ...rest } = request;
    const extensions = ext ? (({ persistedQuery: _p, ...others }) => others)(ext) : undefined;
    return {
      ...rest,
      query: text,
      ...(extensions && Object.keys(extensions).length ? { extensions } : {}),
    } as T;
  }

  /** Whether a parsed document is registered (compared normalised). */
  has(document: DocumentNode): boolean {
    return this.normalised.has(normaliseDocument(document));
  }

  /** Refuses any operation whose document is not registered, before it executes. */
  plugin(): ApolloServerPlugin<HubContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ document }) => {
          if (!this.has(document)) {
            throw new HubError(
              'FORBIDDEN',
              'Only registered operations may run here (trusted documents): register this query with the hub operators.',
              {
                reason: 'UNTRUSTED_DOCUMENT',
                // Thrown before execution: without a status Apollo would answer 500 (see limits/strings.ts).
                http: { status: 403 },
              },
            );
          }
        },
      }),
    };
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** "sha256:<hex>" or "<hex>" → the lower-case hex; anything else → undefined. */
function hexOf(id: string): string | undefined {
  const m = /^(?:sha256:)?([0-9a-fA-F]{64})$/.exec(id);
  return m ? m[1]!.toLowerCase() : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A document's canonical text: parsed (so whitespace, commas and comments are gone), definitions,
 * selections, arguments and object fields in a fixed order, printed. Two texts of the same operation —
 * as the client preset prints it for its manifest and as graphql-request prints it on the wire — give
 * the same canonical text.
 */
export function normaliseDocument(document: string | DocumentNode): string {
  const ast = typeof document === 'string' ? parse(document, { noLocation: true }) : document;
  const byPrint = <N extends ASTNode>(nodes: readonly N[] | undefined) =>
    nodes ? [...nodes].sort((a, b) => cmp(print(a), print(b))) : nodes;
  const byName = <N extends { name: { value: string } }>(nodes: readonly N[] | undefined) =>
    nodes ? [...nodes].sort((a, b) => cmp(a.name.value, b.name.value)) : nodes;
  const sorted = visit(ast, {
    [Kind.SELECTION_SET]: { leave: (node) => ({ ...node, selections: byPrint(node.selections)! }) },
    [Kind.FIELD]: { leave: (node) => ({ ...node, arguments: byName(node.arguments) }) },
    [Kind.DIRECTIVE]: { leave: (node) => ({ ...node, arguments: byName(node.arguments) }) },
    [Kind.OBJECT]: { leave: (node) => ({ ...node, fields: byName(node.fields)! }) },
    [Kind.DOCUMENT]: { leave: (node) => ({ ...node, definitions: byPrint(node.definitions)! }) },
  });
  return print(sorted);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
