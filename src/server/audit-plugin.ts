import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { HubContext } from '../app/context';
import { logger } from '../logger';
import { auditedForResponseCache } from './response-slot';
import type { TraceSummary } from '../observability/trace';
import type { AuditLog } from '../audit/audit-log';
import { fieldsRequested, literalArguments } from '../audit/fields';
import { eventTypeOfRequest } from '../audit/event-types';
import { sensitiveVariables } from '../audit/sensitive-arguments';
import {
  entryOutsideGraphQL,
  hasSomeData,
  outcomeOf,
  redactVariables,
  sha256Hex,
  type AuditEntry,
  type AuditStatements,
} from '../audit/record';

export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

/** What the plugin reads from the request's context (HubContext has all of it). */
export type AuditContext = Pick<HubContext, 'requestId' | 'viewer' | 'trace' | 'audit'>;

/** The body that replaces a response whose audit record could not be written. */
export function auditUnavailableBody(errorId: string): { errors: GraphQLFormattedError[] } {
  return {
    errors: [
      {
        message: `The request could not be audited, so it was not answered. Try again later; operators: see the log (error id ${errorId}).`,
        extensions: { code: AUDIT_UNAVAILABLE, errorId },
      },
    ],
  };
}

/**
 * Every GraphQL request — answered, partly denied, denied or failed (parse and validation errors
 * included) — gets one audit record, appended in `willSendResponse`, which Apollo Server awaits before it
 * sends anything. If the record cannot be written the response is replaced: no data, one
 * AUDIT_UNAVAILABLE error, HTTP 503, and the cause in the log under the error id (fail closed).
 *
 * Not seen by any Apollo plugin: requests refused before Apollo runs (bad credentials, body too large,
 * invalid JSON, a context function that throws). Audit those with `auditRefused`.
 */
export function auditPlugin<TContext extends AuditContext>(
  log: AuditLog,
  schema: GraphQLSchema,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const at = new Date().toISOString();
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const latencyMs = performance.now() - started;
          try {
            const entry = buildEntry(requestContext, schema, at, latencyMs);
            await log.append(entry);
            // Committed: the response cache may repeat this record for a hit of the same answer.
            auditedForResponseCache(entry, requestContext.contextValue);
          } catch (error) {
            const errorId = randomUUID();
            logger.error(
              { errorId, err: error, requestId: safeRequestId(requestContext.contextValue) },
              'audit record could not be written: the request was refused (AUDIT_UNAVAILABLE)',
            );
            requestContext.response.body = { kind: 'single', singleResult: auditUnavailableBody(errorId) };
            requestContext.response.http.status = 503;
          }
        },
      };
    },
  };
}

/** The audit entry of one GraphQL request, from its context, request and response. */
export function buildEntry<TContext extends AuditContext>(
  requestContext: GraphQLRequestContextWillSendResponse<TContext>,
  schema: GraphQLSchema,
  at: string,
  latencyMs: number,
): AuditEntry {
  const { contextValue: ctx, request, response } = requestContext;
  const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  const errorCodes = (result.errors ?? []).map((e) => codeOf(e));
  const summary = ctx.trace.summary();
  const query = requestContext.source ?? request.query;
  const operationName = requestContext.operationName ?? request.operationName ?? null;
  const { fields, literals, sensitive, eventType } = documentFacts(
    schema,
    requestContext.document,
    request.operationName,
    operationName,
  );
  const trail = ctx.audit;
  const recordIds = [...trail.recordIds].map(([field, { ids, more }]) => ({
    field,
    ids: [...ids].sort(),
    ...(more ? { more } : {}),
  }));
  const suppressed = [...trail.suppressed];
  if (trail.suppressedMore)
    suppressed.push({
      indicator: '*',
      period: '*',
      member: '*',
      reason: `${trail.suppressedMore} more cells suppressed`,
    });
  return {
    at,
    requestId: ctx.requestId,
    principal: ctx.viewer.principal,
    roles: [...ctx.viewer.roles],
    scope: ctx.viewer.scopeDescription,
    operationName,
    documentHash: query ? documentHash(requestContext.document, query) : null,
    variables: redactVariables(request.variables, sensitive),
    fieldsRequested: [...fields],
    denied: [...trail.denied.values()],
    masked: [...trail.masked.values()],
    indicators: [...trail.indicators].map(([code, version]) => ({
      code,
      version,
      inputs: [...(trail.inputs.get(code) ?? [])].map(([c, v]) => ({ code: c, version: v })),
    })),
    ...(ctx.audit.events.length ? { events: [...ctx.audit.events] } : {}),
    ...(ctx.audit.questions?.length ? { questions: [...ctx.audit.questions] } : {}),
    ...statementsOf(summary),
    outcome: outcomeOf(errorCodes, hasSomeData(result.data), ctx.audit.denied.size > 0),
    errorCodes,
    latencyMs,
    ip: trail.address,
    reason: null,
    eventType,
    ...(recordIds.length ? { recordIds } : {}),
    ...(Object.keys(literals).length ? { arguments: { ...literals } } : {}),
    ...(suppressed.length ? { suppressed } : {}),
    ...(trail.impact ? { impact: trail.impact } : {}),
  };
}

/** What the audit record says about a document, the same for every request sending it. */
interface DocumentFacts {
  fields: readonly string[];
  literals: Readonly<ReturnType<typeof literalArguments>>;
  sensitive: ReadonlySet<string>;
  eventType: ReturnType<typeof eventTypeOfRequest>;
}

/**
 * Per parsed document (Apollo keeps one DocumentNode per query text in its document store, so a repeated
 * query arrives as the same object) and operation: its fields, literal arguments, sensitive variables and
 * event type, computed once — they depend on the document and the schema only, not on the request.
 */
const factsOf = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, DocumentFacts>>>();
const MAX_OPERATIONS_KEPT = 16;
const hashes = new WeakMap<DocumentNode, { query: string; hash: string }>();

function documentFacts(
  schema: GraphQLSchema,
  document: DocumentNode | undefined,
  requested: string | null | undefined,
  operationName: string | null,
): DocumentFacts {
  const compute = (): DocumentFacts => {
    const fields = Object.freeze(fieldsRequested(schema, document, requested));
    return {
      fields,
      literals: Object.freeze(literalArguments(schema, document, operationName)),
      sensitive: sensitiveVariables(document),
      eventType: eventTypeOfRequest(fields),
    };
  };
  if (!document) return compute();
  let byDocument = factsOf.get(schema);
  if (!byDocument) factsOf.set(schema, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  const key = `${requested ?? ''}\u0000${operationName ?? ''}`;
  const facts = byOperation.get(key);
  if (facts) return facts;
  // A few operations per document; operation names beyond that (a client making them up) are not kept.
  const computed = compute();
  if (byOperation.size < MAX_OPERATIONS_KEPT) byOperation.set(key, computed);
  return computed;
}

/** sha256 of the query text, once per document (checked against the text, which is what it hashes). */
function documentHash(document: DocumentNode | undefined, query: string): string {
  const known = document ? hashes.get(document) : undefined;
  if (known && known.query === query) return known.hash;
  const hash = sha256Hex(query);
  if (document) hashes.set(document, { query, hash });
  return hash;
}

function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

function statementsOf(summary: TraceSummary): { statements: AuditStatements[]; rows: number } {
  const statements = Object.entries(summary.bySource).map(([source, s]) => ({
    source,
    statements: s.statements,
    rows: s.rows,
    fingerprints: [...s.fingerprints],
  }));
  return { statements, rows: statements.reduce((sum, s) => sum + s.rows, 0) };
}

function safeRequestId(ctx: Partial<AuditContext> | undefined): string | undefined {
  return typeof ctx?.requestId === 'string' ? ctx.requestId : undefined;
}

export interface RefusedRequest {
  requestId: string;
  /** Why it was refused, for the auditor (never the credential itself), e.g. "invalid token: expired". */
  reason: string;
  ip?: string | undefined;
  operationName?: string | undefined;
  /** Time spent before refusing, when known. */
  latencyMs?: number | undefined;
  /** Who, when the refusal came after authentication (rate limit); otherwise "anonymous". */
  principal?: string | undefined;
  roles?: readonly string[] | undefined;
  /** The error code the client received (default UNAUTHENTICATED). */
  errorCode?: string | undefined;
}

/**
 * The record of a request refused before GraphQL ran (bad or missing credentials): principal
 * "anonymous", outcome "refused", error code UNAUTHENTICATED. Rejects when the record cannot be written:
 * answer such a request with 503 and `auditUnavailableBody(errorId)`, like the plugin does.
 */
export function auditRefused(log: AuditLog, refused: RefusedRequest): Promise<{ seq: number; hash: string }> {
  return log.append(
    entryOutsideGraphQL({
      requestId: refused.requestId,
      principal: refused.principal ?? 'anonymous',
      roles: [...(refused.roles ?? [])],
      operationName: refused.operationName ?? null,
      outcome: 'refused',
      errorCodes: [refused.errorCode ?? 'UNAUTHENTICATED'],
      latencyMs: refused.latencyMs ?? 0,
      ip: refused.ip ?? null,
      reason: refused.reason,
      eventType: 'authentication',
    }),
  );
}
