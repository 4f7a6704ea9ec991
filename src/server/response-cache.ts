import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Kind, parse, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { createHash, randomUUID } from 'node:crypto';
import type { HubContext } from '../app/context';
import type { HubRuntime } from '../app/runtime';
import type { Viewer } from '../auth/viewer';
import type { AuditEntry } from '../audit/record';
import { canonicalJson } from '../audit/record';
import { freshnessScope } from '../cache/freshness';
import type { Dictionary } from '../indicators/dictionary';
import { logger } from '../logger';
import { requestSeconds, responseCacheRequests } from '../observability/metrics';
import { handWrittenTypeDefs } from '../schema/assemble';
import { auditUnavailableBody } from './audit-plugin';
import { viewerOf } from './authentication';
import type { ClientAddresses } from './guards/client-address';
import { requestIdOf } from './request-id';
import { giveSlot, ResponseSlot as Slot, slotOf } from './response-slot';
import { TRACE_HEADER } from './trace-plugin';

/**
 * The response cache (a ResponseCache per server; Express step serveResponseCache, Apollo step
 * responseCachePlugin): a repeated query is answered with the bytes sent the first time, without running
 * GraphQL again (a cached dashboard otherwise still executes every cell). It sits on /graphql after
 * authentication, the rate limit and persisted-document resolution, before Apollo:
 *
 * - **Key**: the document (printed: whitespace and comments dropped, selection order kept, since the answer's
 *   key order follows it), operation name, variables, extensions, the Accept header, the viewer — principal
 *   id, roles, unit, row grants, operations, scope — and the fingerprint of the published definitions. Bytes
 *   are never shared between principals, even with equal roles and scope: masking, row rules, suppression
 *   and the disclosure log are per principal.
 * - **What is kept** (keepsAnswer): only queries whose root fields read company data or indicators (the model's entity
 *   fields, `indicators`, `indicator`, `indicatorValues`, `decomposition`), answered 200 without errors and
 *   audited; no `draft` argument (a change request's proposal changes without a publication), no
 *   `X-Hub-Trace` (its extensions are per request). Mutations, subscriptions, governance, notices, audit,
 *   access reports, `ask`, exports and source status are never kept.
 * - **How long**: no longer than the results it was built from stay fresh (src/cache/freshness.ts: the
 *   earliest expiry of the result-cache entries read or written, and each source read directly bounds it by
 *   its `cacheTtlSeconds`), nor `cache.response.maxAgeSeconds`; bounded in bytes (`cache.response.maxBytes`,
 *   least recently used go first). A change of the published definitions (here or, through the store or
 *   Redis, on another replica) changes the fingerprint: every kept answer is dropped.
 * - **A hit is audited** with the same record as the answer it repeats (fields, decisions, indicators,
 *   record ids, suppressed cells), its own time, request id, address and latency, no statements, and
 *   `responseCache: "hit"` — written before the bytes are sent (fail closed: AUDIT_UNAVAILABLE, 503).
 */
export interface ResponseCacheOptions {
  maxBytes: number;
  maxAgeMs: number;
}

interface Stored {
  body: Buffer;
  contentType: string;
  expires: number;
  /** The audit entry of the answer, to repeat on every hit. */
  entry: AuditEntry;
}

/** The root fields of the hand-written schema whose answers may be kept (the model's entity fields may too). */
const KEPT_ROOTS = new Set(['indicators', 'indicator', 'indicatorValues', 'decomposition']);

export class ResponseCache {
  private readonly answers: LRUCache<string, Stored>;
  /** Printed documents by their text as sent (parsing once per distinct text). */
  private readonly printed = new LRUCache<string, { text: string; document: DocumentNode } | false>({ max: 1000 });
  private readonly fingerprints = new WeakMap<Dictionary, string>();
  private lastFingerprint: string | undefined;

  constructor(
    private readonly options: ResponseCacheOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new LRUCache<string, Stored>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (stored, key) => Math.max(1, stored.body.length + key.length + 1024),
      ttlAutopurge: false,
    });
  }

  /** Bytes and entries held (for tests and operators). */
  stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.answers.size, bytes: this.answers.calculatedSize, maxBytes: this.options.maxBytes };
  }

  /** The key of a request, or undefined when it is not a candidate (not a JSON POST of a query text). */
  keyOf(req: Request, viewer: Viewer, dictionary: Dictionary): string | undefined {
    if (req.method !== 'POST' || req.get(TRACE_HEADER) !== undefined) return undefined;
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown };
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return undefined;
    const doc = this.document(body.query);
    if (!doc) return undefined;
    const definitions = this.fingerprint(dictionary);
    return createHash('sha256')
      .update(
        JSON.stringify([
          definitions,
          doc.text,
          body.operationName ?? null,
          canonicalJson(body.variables ?? null),
          canonicalJson(body.extensions ?? null),
          req.get('accept') ?? '',
          viewerKey(viewer),
        ]),
      )
      .digest('hex');
  }

  get(key: string): Stored | undefined {
    const stored = this.answers.get(key);
    if (!stored) return undefined;
    if (stored.expires <= this.now()) {
      this.answers.delete(key);
      return undefined;
    }
    return stored;
  }

  set(key: string, stored: Stored): void {
    if (stored.expires <= this.now()) return;
    this.answers.delete(key);
    this.answers.set(key, stored);
  }

  /** The answer's freshness: the results' bound, each source read directly, the configured maximum. */
  expiry(slot: Slot, sourcesRead: readonly string[], ttlOf: (source: string) => number): number {
    const now = this.now();
    let expires = Math.min(slot.until, now + this.options.maxAgeMs);
    for (const source of sourcesRead) expires = Math.min(expires, now + ttlOf(source) * 1000);
    return expires;
  }

  private document(query: string): { text: string; document: DocumentNode } | undefined {
    let doc = this.printed.get(query);
    if (doc === undefined) {
      try {
        const document = parse(query, { noLocation: true });
        doc = { text: print(document), document };
      } catch {
        doc = false;
      }
      this.printed.set(query, doc);
    }
    return doc || undefined;
  }

  /** One hash of every published definition (code, version, fingerprint, status), once per dictionary. */
  private fingerprint(dictionary: Dictionary): string {
    let fingerprint = this.fingerprints.get(dictionary);
    if (fingerprint === undefined) {
      const parts = dictionary
        .all()
        .map((i) => `${i.def.code}@${i.version}:${i.fingerprint}:${i.status}`)
        .sort();
      fingerprint = createHash('sha256').update(parts.join('\n')).digest('hex');
      this.fingerprints.set(dictionary, fingerprint);
    }
    // The definitions changed: nothing kept under the old ones can be served again, so free it now.
    if (this.lastFingerprint !== undefined && this.lastFingerprint !== fingerprint) this.answers.clear();
    this.lastFingerprint = fingerprint;
    return fingerprint;
  }
}

/** Hand-written root fields that are not kept (governance, audit, notices, access, ask, export…). */
let storeRoots: ReadonlySet<string> | undefined;

/** Whether an executed operation's answer may be kept (see ResponseCacheOptions). */
export function keepsAnswer(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): boolean {
  if (operation.operation !== 'query') return false;
  storeRoots ??= new Set(
    parse(handWrittenTypeDefs().join('\n'))
      .definitions.flatMap((d) =>
        (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Query'
          ? (d.fields ?? []).map((f) => f.name.value)
          : [],
      )
      .filter((name) => !KEPT_ROOTS.has(name)),
  );
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return false;
    const name = selection.name.value;
    if (name.startsWith('__') || storeRoots.has(name)) return false;
  }
  let draft = false;
  visit(operation, {
    [Kind.ARGUMENT]: (node) => {
      if (node.name.value !== 'draft') return;
      const value = node.value;
      if (value.kind === Kind.NULL) return;
      if (value.kind === Kind.VARIABLE && (variables?.[value.name.value] ?? null) === null) return;
      draft = true;
    },
  });
  return !draft;
}

/** Everything of the viewer an answer may depend on. */
function viewerKey(viewer: Viewer): string {
  const rows =
    viewer.rows === 'all'
      ? 'all'
      : viewer.rows.map((grant) => [...grant].map(([entity, ids]) => [entity, [...ids].sort()]).sort());
  return JSON.stringify([
    viewer.principal,
    viewer.kind,
    [...viewer.roles].sort(),
    viewer.unit,
    rows,
    [...viewer.operations].sort(),
    viewer.individuals,
    viewer.scopeDescription,
  ]);
}

/**
 * The response cache's part of the GraphQL pipeline: whether the executed operation's answer may be kept.
 * Only requests that came through `serveResponseCache` (HTTP, cache on) have a slot; others pass untouched.
 */
export function responseCachePlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!slotOf(contextValue)) return;
      return {
        async willSendResponse({ operation, request, response, contextValue: ctx }) {
          const slot = slotOf(ctx);
          if (!slot || !operation) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          slot.cacheable = !!result && !result.errors?.length && keepsAnswer(operation, request.variables);
        },
      };
    },
  };
}

/** The cache of a server, or undefined when it is off (`cache.response.maxBytes` 0, or the result cache off). */
export function createResponseCache(runtime: HubRuntime): ResponseCache | undefined {
  const { maxEntries, maxBytes, response } = runtime.config.cache;
  if (maxEntries === 0 || maxBytes === 0 || response.maxBytes === 0 || response.maxAgeSeconds === 0) return undefined;
  return new ResponseCache({ maxBytes: response.maxBytes, maxAgeMs: response.maxAgeSeconds * 1000 });
}

/** The Express step: serve a hit (audited first), or run the rest of the pipeline and keep what it sent. */
export function serveResponseCache(
  runtime: HubRuntime,
  cache: ResponseCache | undefined,
  addresses: ClientAddresses,
): RequestHandler {
  if (!cache) return (_req, _res, next) => next();
  const ttlOf = (source: string) =>
    runtime.config.sources[source as keyof typeof runtime.config.sources]?.cacheTtlSeconds ?? 0;
  // The result cache can answer only when some source keeps results (or a shared tier, written by other
  // replicas, is there). When none can, an answer's freshness is already bounded by the statements it ran
  // (expiry() gives each its source's time to live, 0): no freshness scope is entered, so no
  // AsyncLocalStorage — which would make every promise of the process pay for async_hooks.
  const resultsKept =
    runtime.shared !== undefined || Object.values(runtime.config.sources).some((s) => (s?.cacheTtlSeconds ?? 0) > 0);
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const at = new Date().toISOString();
    let key: string | undefined;
    try {
      key = cache.keyOf(req, viewerOf(req), runtime.dictionary);
    } catch {
      // Input the key cannot be made of (variables nested past the stack): Apollo refuses it with its code.
      key = undefined;
    }
    if (key === undefined) return next();
    const stored = cache.get(key);
    if (stored) {
      responseCacheRequests.inc({ outcome: 'hit' });
      void answerHit(runtime, req, res, stored, { at, started, ip: addresses.of(req) }).catch(next);
      return;
    }
    responseCacheRequests.inc({ outcome: 'miss' });
    const slot = new Slot();
    const chunks = captureBody(res);
    res.once('finish', () => {
      if (!slot.cacheable || !slot.entry || res.statusCode !== 200) return;
      const body = chunks();
      if (!body) return;
      const sources = slot.entry.statements.map((s) => s.source);
      const expires = cache.expiry(slot, sources, ttlOf);
      const contentType = String(res.getHeader('content-type') ?? 'application/json; charset=utf-8');
      cache.set(key, { body, contentType, expires, entry: slot.entry });
      responseCacheRequests.inc({ outcome: 'stored' });
    });
    giveSlot(req, slot);
    if (resultsKept) freshnessScope.run(slot, next);
    else next();
  };
}

async function answerHit(
  runtime: HubRuntime,
  req: Request,
  res: Response,
  stored: Stored,
  request: { at: string; started: number; ip: string | null },
): Promise<void> {
  const entry: AuditEntry = {
    ...stored.entry,
    at: request.at,
    requestId: requestIdOf(req),
    ip: request.ip,
    statements: [],
    rows: 0,
    latencyMs: performance.now() - request.started,
    responseCache: 'hit',
  };
  try {
    await runtime.audit.append(entry);
  } catch (error) {
    const errorId = randomUUID();
    logger.error(
      { errorId, err: error, requestId: entry.requestId },
      'audit record could not be written: the request was refused (AUDIT_UNAVAILABLE)',
    );
    res
      .status(503)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(auditUnavailableBody(errorId)));
    return;
  }
  res.status(200);
  res.setHeader('content-type', stored.contentType);
  res.setHeader('content-length', stored.body.length);
  res.end(stored.body);
  const ms = performance.now() - request.started;
  requestSeconds.observe({ outcome: 'ok' }, ms / 1000);
  logger.info(
    {
      requestId: entry.requestId,
      operationName: entry.operationName,
      outcome: 'ok',
      ms: Math.round(ms),
      statements: 0,
      responseCache: 'hit',
    },
    'graphql request',
  );
}

/**
 * Collects what is written to the response (Apollo sends a single answer with one `end`): the chunks as
 * written, turned into one Buffer only when asked — for an answer that is kept, not for every answer.
 */
export function captureBody(res: Response): () => Buffer | undefined {
  const parts: Array<string | Uint8Array> = [];
  const encodings: BufferEncoding[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) return;
    parts.push(chunk);
    encodings.push(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  };
  res.write = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return write(...args);
  }) as Response['write'];
  res.end = ((...args: unknown[]) => {
    if (args[0] !== undefined && typeof args[0] !== 'function') keep(args[0], args[1]);
    return end(...args);
  }) as Response['end'];
  return () =>
    parts.length
      ? Buffer.concat(parts.map((p, i) => (typeof p === 'string' ? Buffer.from(p, encodings[i]) : p)))
      : undefined;
}
