/**
 * Every error code the hub answers, in one place: the contract clients read. The schema's `ErrorCode`
 * enum (src/schema/assemble.ts) and the table in README "Errors as a contract" (`npm run errors:doc`,
 * checked fresh by `npm run errors:check`) are generated from it; the error-contract test sweeps the
 * refusal paths and asserts each answered code is here.
 *
 * `status` is the HTTP status when the error refuses the whole request; `field` errors sit beside the data
 * of a 200 answer (GraphQL's partial results). Every error carries `extensions.code`; `reason` (a sub-code)
 * is listed where a code has several causes a client may tell apart. Errors of one code, reason and field
 * at rows of one list are answered once (src/server/coalesce-errors.ts) with `extensions.paths` naming the
 * rows and `extensions.count` their number.
 */
export interface ErrorEntry {
  /** HTTP status when the error refuses the request; 200 when it is a field error beside data. */
  status: number;
  /** Where it is answered: `request` (no data), `field` (beside data), `websocket` (a subscription's error). */
  where: ReadonlyArray<'request' | 'field' | 'websocket'>;
  /** What it means and what the client does. */
  meaning: string;
  /** `extensions` keys besides `code`, with what they hold. */
  extensions?: Readonly<Record<string, string>>;
  /** `extensions.reason` values, with their cause. */
  reasons?: Readonly<Record<string, string>>;
  /** Who raises it when not the hub itself (Apollo Server's own codes). */
  origin?: 'hub' | 'apollo';
}

const COALESCED = {
  paths: 'when one error stands for several rows: every path it applies to',
  count: 'when one error stands for several rows: their number',
};

export const ERROR_CATALOGUE = {
  BAD_USER_INPUT: {
    status: 400,
    where: ['request', 'field'],
    meaning: 'An argument or variable is not acceptable; the message says what was expected and what arrived.',
    extensions: { argument: 'the argument at fault, when one is', ...COALESCED },
    reasons: {
      INVALID_DEFINITION: 'a proposed indicator definition does not validate',
      WEBHOOK_URL_NOT_ALLOWED: 'a webhook address outside the allow-list',
    },
  },
  NOT_FOUND: {
    status: 200,
    where: ['field'],
    meaning: 'The thing asked for does not exist or is not visible to you.',
    extensions: { argument: 'the argument naming it' },
  },
  UNAUTHENTICATED: {
    status: 401,
    where: ['request', 'websocket'],
    meaning:
      'No credentials, or credentials not accepted. The answer carries `WWW-Authenticate: Bearer`; over WebSocket the socket closes with 4401.',
    reasons: {
      MISSING_CREDENTIALS: 'neither Authorization nor X-Api-Key was sent',
      BAD_TOKEN: 'the bearer token is malformed, expired, or not signed by the configured issuer',
      UNKNOWN_API_KEY: 'the API key is not one the hub knows',
      ACCESS_REVOKED: 'the people directory does not know the person or records them as gone',
    },
  },
  FORBIDDEN: {
    status: 403,
    where: ['request', 'field', 'websocket'],
    meaning: 'Authenticated, but the policy does not permit this. `me { fieldAccess }` tells a UI beforehand.',
    extensions: {
      field: 'the denied `Type.field`, when a field is',
      rule: 'the policy rule that decided',
      ...COALESCED,
    },
    reasons: {
      FIELD_DENIED: 'a field your roles may not see',
      FIELD_MASKED: 'grouping, filtering or sorting by a field your roles see only masked',
      NO_ROLE: 'no role of the policy is granted to you',
      UNTRUSTED_DOCUMENT: 'trusted-documents mode: the operation is not registered (introspection included)',
      PERSONAL_DATA_CUT: 'an indicator over personal data cut by a dimension the policy does not allow',
      NOT_AN_EDITOR: "governance: you may not propose changes in this indicator's domain",
      NOT_AN_APPROVER: 'governance: you may not decide this change',
      NOT_THE_AUTHOR: 'governance: only the author may do this',
      OWN_CHANGE: 'governance: nobody approves their own change',
      BOOTSTRAP_CLOSED: 'governance: the definitions were imported already',
      WEBHOOKS_DISABLED: 'webhooks are off (the allow-list is empty)',
      WEBHOOK_TARGETS_HUB: "a webhook to the hub's own address",
      AUDITORS_ONLY: 'an operation reserved to auditors',
      EXPORT_NOT_GRANTED: 'your roles are not granted the operation asked for',
    },
  },
  SUPPRESSED: {
    status: 200,
    where: ['field'],
    meaning:
      'A value withheld to protect people (too few in the group, or differencing); the cell says why in `reason`.',
    extensions: { reason: 'why', ...COALESCED },
  },
  SOURCE_UNAVAILABLE: {
    status: 200,
    where: ['field'],
    meaning: "A source database failed or its circuit is open; other sources' fields are still answered.",
    extensions: { source: 'the source', errorId: 'the id of the cause in the log', breaker: '`open`', ...COALESCED },
  },
  SOURCE_TIMEOUT: {
    status: 200,
    where: ['field'],
    meaning: 'A source did not answer within its statement timeout.',
    extensions: { source: 'the source', ...COALESCED },
  },
  CONFLICT: {
    status: 200,
    where: ['field'],
    meaning: 'Someone changed the thing first (optimistic concurrency); the message names its current version.',
    extensions: { currentVersion: 'the version now', revision: 'the change request revision now' },
  },
  ARCHIVED: {
    status: 200,
    where: ['field'],
    meaning: 'An archived indicator asked for where the configuration makes that an error.',
    extensions: { indicator: 'its code', successor: 'its successor, or null' },
  },
  RESPONSE_TOO_LARGE: {
    status: 400,
    where: ['request'],
    meaning:
      'The request would produce more indicator cells than `limits.maxResponseCells`; refused before any statement.',
    extensions: { limit: '`responseCells`', estimated: 'the estimate', max: 'the limit', fields: 'per field' },
  },
  TOO_MANY_ROWS: {
    status: 200,
    where: ['field'],
    meaning: 'An aggregate statement returned more rows than `limits.maxStatementRows`.',
  },
  INEXACT_VALUE: {
    status: 200,
    where: ['field'],
    meaning:
      'A source value cannot be read exactly (a float column read as an exact decimal without its scale); the message names the source, fact, measure and the YAML to write.',
  },
  TOO_MANY_IN_FLIGHT: {
    status: 429,
    where: ['request'],
    meaning:
      "The principal's in-flight budget (`limits.inFlight`) is spent; refused before any statement. Retry after `Retry-After`.",
  },
  OVERLOADED: {
    status: 503,
    where: ['request'],
    meaning:
      "The hub's in-flight budget (`limits.inFlight`) is spent; refused before any statement. Retry after `Retry-After`.",
  },
  RATE_LIMITED: {
    status: 429,
    where: ['request', 'websocket'],
    meaning: 'Too many requests (per principal), or too many refused ones (per address). Retry after `Retry-After`.',
    extensions: { retryAfterSeconds: 'seconds to wait (also the Retry-After header)' },
  },
  AUDIT_UNAVAILABLE: {
    status: 503,
    where: ['request', 'websocket'],
    meaning: 'The audit record could not be written, so nothing was answered (fail closed).',
    extensions: { errorId: 'the id of the cause in the log' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    where: ['request'],
    meaning: 'The request body is larger than `server.bodyLimitBytes`.',
  },
  BAD_REQUEST: {
    status: 400,
    where: ['request'],
    meaning:
      'Not a GraphQL request: the body is not JSON, has no query, is a corrupt gzip/br stream, or its length is wrong.',
    origin: 'apollo',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    where: ['request'],
    meaning:
      'The body is in a charset or content-encoding the hub does not read: send JSON in UTF-8, plain, gzip or br.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 404,
    where: ['request', 'websocket'],
    meaning: 'A document id (`documentId` or `persistedQuery`) that is not registered; send the full text.',
    reasons: { UNKNOWN_DOCUMENT_ID: 'trusted-documents mode: no registered operation has this id' },
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 400,
    where: ['request'],
    meaning: "Apollo's automatic persisted queries are not available here.",
    origin: 'apollo',
  },
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    where: ['request', 'websocket'],
    meaning: 'The document is not GraphQL, or has more tokens than `limits.maxTokens`.',
    origin: 'apollo',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    where: ['request', 'websocket'],
    meaning: 'The document does not fit the schema, or exceeds a depth, alias, directive, duplicate or cost limit.',
    origin: 'apollo',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    where: ['request'],
    meaning:
      'The operation to run cannot be chosen (an unknown `operationName`, or several operations and none named).',
    origin: 'apollo',
  },
  TOO_MANY_SUBSCRIPTIONS: {
    status: 200,
    where: ['websocket'],
    meaning: 'The principal has `limits.websocket.maxSubscriptions` subscriptions open already.',
  },
  TOKEN_EXPIRED: {
    status: 200,
    where: ['websocket'],
    meaning: "The connection's token expired: connect again with a new one.",
  },
  SUBSCRIBER_TOO_SLOW: {
    status: 200,
    where: ['websocket'],
    meaning: 'The subscriber fell behind; subscribe again and read the rest in `noticeInbox`.',
  },
  TOO_MANY_CONNECTIONS: {
    status: 200,
    where: ['websocket'],
    meaning:
      'The principal has `limits.websocket.maxConnectionsPerPrincipal` sockets open already: the new one closes with 4442 and the reason `TOO_MANY_CONNECTIONS: …`.',
  },
  INTERNAL: {
    status: 200,
    where: ['websocket'],
    meaning:
      'A subscribe arrived on a connection the hub is closing (its token expired, access was revoked, or the hub is stopping): connect again. Not a fault; an internal fault over WebSocket is `INTERNAL_SERVER_ERROR`, or a close with 4500 and an error id.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    where: ['request', 'field', 'websocket'],
    meaning: "The hub's fault. The message and `errorId` lead the operators to the cause in the log.",
    extensions: { errorId: 'always present' },
  },
} as const satisfies Record<string, ErrorEntry>;

export type CatalogueCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as CatalogueCode[];
