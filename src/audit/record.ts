import { createHash } from 'node:crypto';
import type { FieldDecision } from './trail';

/**
 * One audit record: what one request asked for, who asked, what the policy decided, what the sources were
 * asked and how it ended. Records form a hash chain in the hub's store (src/audit/audit-log.ts):
 *
 *   hash = sha256(prevHash + canonicalJson(record without hash))      prevHash of seq 1 = GENESIS_HASH
 *
 * The canonical JSON covers every field, `seq` and `prevHash` included, so editing, deleting, inserting
 * or reordering a record breaks the chain at that record.
 */
export type AuditOutcome = 'ok' | 'partial' | 'denied' | 'refused' | 'error';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'partial', 'denied', 'refused', 'error'];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The statements one source ran for the request (RequestTrace.summary() gives rows per source, not per statement). */
export interface AuditStatements {
  source: string;
  statements: number;
  rows: number;
  /** Statement fingerprints in the order they ran (a short hash of the SQL text without bindings). */
  fingerprints: string[];
}

/** One indicator lifecycle step, as the audit log keeps it. */
export interface AuditLifecycleEvent {
  kind: string;
  code: string;
  changeId: number;
  version: number | null;
  note: string;
}

/** Refusals of one kind from one principal and address, counted together instead of one record each. */
export interface AuditRefusals {
  /** What they were: BODY_TOO_LARGE, BAD_JSON, MISSING_CREDENTIALS, BAD_TOKEN, UNKNOWN_API_KEY, THROTTLED… */
  kind: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

/**
 * What kind of event a record is (PCI DSS 10.2.2 "type of event"):
 * - read: a query over company data or indicators
 * - write: a mutation (a proposal, a subscription, a notice marked read…)
 * - authentication: a request refused before GraphQL ran (credentials, revoked access, throttling)
 * - administration: a change of who may do what — policy grants, API keys, roles coming from HR data,
 *   an indicator change decided
 * - audit_access: reading the audit trail, permission reports or the disclosure log, verifying, exporting
 * - system: the hub started, stopped (or had stopped uncleanly), a checkpoint of the chain was signed
 */
export type AuditEventType = 'read' | 'write' | 'authentication' | 'administration' | 'audit_access' | 'system';
export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = [
  'read',
  'write',
  'authentication',
  'administration',
  'audit_access',
  'system',
];

/** The ids of the records a personal-data field was returned for (masked or in clear). */
export interface AuditRecordIds {
  /** Type.field */
  field: string;
  /** Record ids (hub ids), sorted, at most MAX_RECORD_IDS; `more` counts the rest. */
  ids: string[];
  more?: number;
}

/** A cell of an indicator answer withheld by the disclosure rules. */
export interface AuditSuppressed {
  indicator: string;
  period: string;
  member: string;
  reason: string;
}

/** A system or access event (start, stop, unclean stop, configuration, grants, checkpoint…). */
export interface AuditSystemEvent {
  kind: string;
  details: JsonValue;
}

/** An indicator used, with the definition version of each input it was computed from. */
export interface AuditIndicator {
  code: string;
  version: string;
  inputs?: Array<{ code: string; version: string }>;
}

export interface AuditRecord {
  seq: number;
  /** When the request arrived, ISO 8601 UTC with milliseconds (Date#toISOString). */
  at: string;
  requestId: string;
  /** EMP-000123, apikey:<id>, or "anonymous". */
  principal: string;
  roles: string[];
  /** The viewer's resolved scope, readable (Viewer.scopeDescription). */
  scope: string;
  operationName: string | null;
  /** sha256 hex of the query text; null when there was none. The text itself is not kept. */
  documentHash: string | null;
  /** Variables after redaction (see redactVariables); null when the request had none. */
  variables: { [name: string]: JsonValue } | null;
  /** Sorted unique "Type.field" of the executed operation, fragments included. */
  fieldsRequested: string[];
  denied: FieldDecision[];
  masked: FieldDecision[];
  indicators: AuditIndicator[];
  statements: AuditStatements[];
  /** Rows returned by all statements together. */
  rows: number;
  outcome: AuditOutcome;
  /** Sorted unique extensions.code of the response's errors. */
  errorCodes: string[];
  latencyMs: number;
  /** Origination: the client address (the TCP peer, or the X-Forwarded-For entry a trusted proxy vouches for). */
  ip: string | null;
  /** Why a request was refused before GraphQL ran; null otherwise. */
  reason: string | null;
  /** Indicator lifecycle steps the request made (src/governance); absent when none, so older records hash as before. */
  events?: AuditLifecycleEvent[];
  /** Refused requests recorded together (src/audit/refusal-audit.ts): what they were, how many, first and last
   *  arrival. Absent on records of one request, so older records hash as before. */
  refusals?: AuditRefusals;
  /** The event type (see AuditEventType); absent on records written before it was kept. */
  eventType?: AuditEventType;
  /** Ids of the records returned for personal-data fields; absent when none. */
  recordIds?: AuditRecordIds[];
  /** Literal (inline) arguments of the operation, "Type.field(argument)" → value, sensitive ones redacted. */
  arguments?: { [path: string]: JsonValue };
  /** Indicator cells withheld by the disclosure rules (at most MAX_SUPPRESSED; `reason` of the rest summarised). */
  suppressed?: AuditSuppressed[];
  /** A system or access event; absent on request records. */
  system?: AuditSystemEvent;
  /** Questions asked in words (`ask`), their text as typed (at most 1000 characters each); absent when none, so
   *  older records hash as before. */
  questions?: string[];
  /** The impact report of an indicator change as it stood when this request decided it. */
  impact?: { changeId: number; report: JsonValue };
  /** "hit": answered with the stored bytes of an earlier identical request of the same principal
   *  (src/server/response-cache.ts; no statement ran). Absent otherwise, so older records hash as before. */
  responseCache?: 'hit';
  prevHash: string;
  hash: string;
}

/** A record's event type; records written before it was kept are classified from what they hold. */
export function eventTypeOf(r: Pick<AuditRecord, 'eventType' | 'outcome' | 'events' | 'system'>): AuditEventType {
  if (r.eventType) return r.eventType;
  if (r.system) return 'system';
  if (r.outcome === 'refused') return 'authentication';
  return r.events?.length ? 'write' : 'read';
}

/** What a caller hands to AuditLog.append: the log assigns seq, prevHash and hash. */
export type AuditEntry = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;
/**
 * The entry of something audited without a GraphQL execution (a refused request, a CLI run): no
 * document, fields, decisions or statements unless given.
 */
export function entryOutsideGraphQL(
  entry: Pick<AuditEntry, 'requestId' | 'principal' | 'outcome' | 'errorCodes'> & Partial<AuditEntry>,
): AuditEntry {
  return {
    at: new Date().toISOString(),
    roles: [],
    scope: 'nothing',
    operationName: null,
    documentHash: null,
    variables: null,
    fieldsRequested: [],
    denied: [],
    masked: [],
    indicators: [],
    statements: [],
    rows: 0,
    latencyMs: 0,
    ip: null,
    reason: null,
    ...entry,
  };
}

/** A record before its hash is computed. */
export type UnsignedRecord = Omit<AuditRecord, 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (by UTF-16 code units, recursively) and no whitespace; `undefined` members
 * are left out as JSON.stringify does. Two equal values always give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not representable in JSON');
    case 'object':
      break;
    default:
      return 'null';
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
  // Built in one string, without an intermediate array per object or list: every audit record and its
  // hash pass through here. A hole in a sparse array stays empty, as Array#map and join leave it.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (const k of keys) {
    const member = obj[k];
    if (member === undefined || typeof member === 'function') continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256(prevHash + canonicalJson(record without hash)); a `hash` member, if present, is ignored. */
export function hashOf(record: UnsignedRecord): string {
  const { hash: _ignored, ...unsigned } = record as AuditRecord;
  return sha256Hex(unsigned.prevHash + canonicalJson(unsigned));
}

// ---------------------------------------------------------------------------------------------------
// Variables: redaction and size limits

/** Variables (at any depth) whose name matches are recorded as "[redacted]". */
export const SENSITIVE_NAME = /pass|secret|token|key|card|account|phone|salary|email/i;
export const REDACTED = '[redacted]';
export const MAX_STRING_CHARS = 200;
export const MAX_LIST_ITEMS = 100;
export const MAX_RECORD_IDS = 1000;
export const MAX_SUPPRESSED = 200;
const MAX_DEPTH = 8;

export function truncateString(s: string, max = MAX_STRING_CHARS): string {
  return s.length <= max ? s : `${s.slice(0, max)}…[truncated: ${s.length} chars]`;
}

/**
 * The request's variables as they go into the record: values of sensitive names (at any depth, inside
 * input objects too) become "[redacted]", strings over 200 characters are cut with a marker, lists keep
 * their first 100 items, nesting below 8 levels is replaced by a marker.
 */
export function redactVariables(
  variables: Readonly<Record<string, unknown>> | null | undefined,
  /** Variables to redact whatever their name (passed to a sensitive argument: see sensitive-arguments.ts). */
  alsoRedact: ReadonlySet<string> = new Set(),
): { [name: string]: JsonValue } | null {
  if (!variables || typeof variables !== 'object' || Object.keys(variables).length === 0) return null;
  return redactObject(variables, 0, alsoRedact);
}

function redactObject(
  obj: Readonly<Record<string, unknown>>,
  depth: number,
  alsoRedact: ReadonlySet<string> = new Set(),
): { [name: string]: JsonValue } {
  const out: { [name: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(obj)) {
    if (value === undefined || typeof value === 'function') continue;
    // defineProperty: a variable named "__proto__" stays an ordinary member.
    Object.defineProperty(out, name, {
      value: SENSITIVE_NAME.test(name) || alsoRedact.has(name) ? REDACTED : redactValue(value, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function redactValue(value: unknown, depth: number): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return truncateString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return truncateString(value.toString());
  if (typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return '[too deeply nested]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LIST_ITEMS).map((v) => redactValue(v, depth + 1));
    if (value.length > MAX_LIST_ITEMS) items.push(`…[${value.length - MAX_LIST_ITEMS} more items]`);
    return items;
  }
  return redactObject(value as Record<string, unknown>, depth);
}

// ---------------------------------------------------------------------------------------------------
// Outcome

/**
 * - no errors → ok (partial when the policy denied a field without raising an error)
 * - only FORBIDDEN errors → partial when some data came back, denied when none did
 * - any other error → error
 * ("refused" is for requests turned away before GraphQL ran: see auditRefused.)
 */
export function outcomeOf(
  errorCodes: ReadonlyArray<string | undefined>,
  hasData: boolean,
  deniedByPolicy = false,
): AuditOutcome {
  if (errorCodes.length === 0) return deniedByPolicy ? 'partial' : 'ok';
  if (errorCodes.every((c) => c === 'FORBIDDEN')) return hasData ? 'partial' : 'denied';
  return 'error';
}

/** "Some data": the response's data has at least one non-null top-level field. */
export function hasSomeData(data: unknown): boolean {
  if (data === null || data === undefined || typeof data !== 'object') return false;
  return Object.values(data as Record<string, unknown>).some((v) => v !== null && v !== undefined);
}

// ---------------------------------------------------------------------------------------------------
// Normalisation: what append stores, so that the canonical form does not depend on the caller's order

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();
/** Text columns: no NUL (PostgreSQL text cannot hold it), bounded length. */
const cleanText = (s: string, max = 1000): string => truncateString(String(s).replaceAll('\u0000', '\uFFFD'), max);
const cleanOptional = (s: string | null | undefined, max?: number): string | null =>
  s === null || s === undefined ? null : cleanText(s, max);

function byField(a: { field: string }, b: { field: string }): number {
  return a.field < b.field ? -1 : a.field > b.field ? 1 : 0;
}

export function normaliseEntry(entry: AuditEntry): AuditEntry {
  const at = new Date(entry.at);
  if (Number.isNaN(at.getTime())) throw new TypeError(`audit entry: "at" is not a date: ${String(entry.at)}`);
  if (!AUDIT_OUTCOMES.includes(entry.outcome))
    throw new TypeError(`audit entry: unknown outcome "${String(entry.outcome)}"`);
  return {
    at: at.toISOString(),
    requestId: cleanText(entry.requestId, 200),
    principal: cleanText(entry.principal, 200),
    roles: sortedUnique(entry.roles.map((r) => cleanText(r, 200))),
    scope: cleanText(entry.scope, 2000),
    operationName: cleanOptional(entry.operationName, 200),
    documentHash: cleanOptional(entry.documentHash, 64),
    variables: entry.variables ? (JSON.parse(canonicalJson(entry.variables)) as AuditEntry['variables']) : null,
    fieldsRequested: sortedUnique(entry.fieldsRequested),
    denied: dedupeDecisions(entry.denied),
    masked: dedupeDecisions(entry.masked),
    indicators: [...new Map(entry.indicators.map((i) => [i.code, normaliseIndicator(i)])).values()].sort(byCode),
    statements: entry.statements
      .map((s) => ({
        source: s.source,
        statements: Math.trunc(s.statements),
        rows: Math.trunc(s.rows),
        fingerprints: [...s.fingerprints],
      }))
      .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)),
    rows: Math.max(0, Math.trunc(entry.rows)),
    outcome: entry.outcome,
    errorCodes: sortedUnique(entry.errorCodes),
    latencyMs: Math.max(0, Math.round(entry.latencyMs)),
    ip: cleanOptional(entry.ip, 100),
    reason: cleanOptional(entry.reason, 1000),
    ...(entry.events?.length
      ? {
          events: entry.events.map((e) => ({
            kind: e.kind,
            code: e.code,
            changeId: Math.trunc(e.changeId),
            version: e.version === null ? null : Math.trunc(e.version),
            note: cleanText(e.note, 2000),
          })),
        }
      : {}),
    ...(entry.questions?.length ? { questions: entry.questions.map((q) => cleanText(q, 1000)) } : {}),
    ...(entry.refusals
      ? {
          refusals: {
            kind: cleanText(entry.refusals.kind, 100),
            count: Math.max(1, Math.trunc(entry.refusals.count)),
            firstAt: new Date(entry.refusals.firstAt).toISOString(),
            lastAt: new Date(entry.refusals.lastAt).toISOString(),
          },
        }
      : {}),
    ...(entry.eventType ? { eventType: entry.eventType } : {}),
    ...(entry.recordIds?.length
      ? {
          recordIds: entry.recordIds
            .map((r) => ({ field: r.field, ids: [...r.ids], ...(r.more ? { more: Math.trunc(r.more) } : {}) }))
            .sort(byField),
        }
      : {}),
    ...(entry.arguments && Object.keys(entry.arguments).length
      ? { arguments: JSON.parse(canonicalJson(entry.arguments)) as NonNullable<AuditEntry['arguments']> }
      : {}),
    ...(entry.suppressed?.length
      ? {
          suppressed: entry.suppressed.slice(0, MAX_SUPPRESSED).map((c) => ({
            indicator: cleanText(c.indicator, 100),
            period: cleanText(c.period, 100),
            member: cleanText(c.member, 200),
            reason: cleanText(c.reason, 500),
          })),
        }
      : {}),
    ...(entry.impact
      ? {
          impact: {
            changeId: Math.trunc(entry.impact.changeId),
            report: JSON.parse(canonicalJson(entry.impact.report)) as JsonValue,
          },
        }
      : {}),
    ...(entry.responseCache === 'hit' ? { responseCache: 'hit' as const } : {}),
    ...(entry.system
      ? {
          system: {
            kind: cleanText(entry.system.kind, 100),
            details: JSON.parse(canonicalJson(entry.system.details)) as JsonValue,
          },
        }
      : {}),
  };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function normaliseIndicator(i: AuditIndicator): AuditIndicator {
  const inputs = [...new Map((i.inputs ?? []).map((x) => [x.code, { code: x.code, version: String(x.version) }]))]
    .map(([, v]) => v)
    .sort(byCode);
  return { code: i.code, version: String(i.version), ...(inputs.length ? { inputs } : {}) };
}

function dedupeDecisions(decisions: readonly FieldDecision[]): FieldDecision[] {
  const byName = new Map<string, FieldDecision>();
  for (const d of decisions) if (!byName.has(d.field)) byName.set(d.field, { field: d.field, rule: d.rule });
  return [...byName.values()].sort(byField);
}
