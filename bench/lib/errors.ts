/**
 * Every failed request of a benchmark run, counted by its code (issue 20: "every error in a run recorded
 * with its code"). A failed request counts once, under the code of its first error:
 * - a non-2xx response: the body's `errors[0].extensions.code` (GraphQL over HTTP), else `HTTP_<status>`;
 * - a 2xx response whose body carries GraphQL `errors`: the first error's `extensions.code`, else `GRAPHQL_ERROR`;
 * - no response: `TIMEOUT`, or the transport error's code (`ECONNRESET`, `ECONNREFUSED`, a driver's SQLSTATE…).
 */
export type ErrorCodes = Record<string, number>;

interface GraphQLErrorShape {
  extensions?: { code?: unknown };
}

/** The code of one response, or undefined when it succeeded (2xx and no GraphQL `errors`). */
export function responseErrorCode(status: number, body: string | Buffer | undefined): string | undefined {
  const text = body === undefined ? '' : String(body);
  const ok = status >= 200 && status < 300;
  // Cheap test first: the bench's successful bodies are megabytes of JSON without an "errors" key at the top.
  if (ok && !/"errors"\s*:\s*\[/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return ok ? 'UNPARSABLE_BODY' : `HTTP_${status}`;
  }
  const errors =
    parsed && typeof parsed === 'object' && Array.isArray((parsed as { errors?: unknown }).errors)
      ? ((parsed as { errors: GraphQLErrorShape[] }).errors ?? [])
      : [];
  const code = errors.map((e) => e?.extensions?.code).find((c): c is string => typeof c === 'string' && c !== '');
  if (code) return code;
  if (!ok) return `HTTP_${status}`;
  return errors.length ? 'GRAPHQL_ERROR' : undefined;
}

/** The code of a request that got no (usable) response: a timeout, a socket or driver error, or what a helper threw. */
export function transportErrorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; benchCode?: unknown };
    if (typeof e.benchCode === 'string') return e.benchCode;
    if (e.name === 'TimeoutError') return 'TIMEOUT';
    // A driver's or socket's own code first (pg's SQLSTATE, mysql2's ER_*, ECONNRESET), then the message.
    if (typeof e.code === 'string' && e.code) return e.code;
    if (typeof e.message === 'string' && /timed out|timeout/i.test(e.message)) return 'TIMEOUT';
    if (e.cause) return transportErrorCode(e.cause);
    if (e.name === 'AbortError') return 'ABORTED';
    if (typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  }
  return 'TRANSPORT_ERROR';
}

/** An Error that carries its code (thrown by the bench's own requests, read back by transportErrorCode). */
export class CodedError extends Error {
  constructor(
    readonly benchCode: string,
    message: string,
  ) {
    super(message);
  }
}

export function addCode(codes: ErrorCodes, code: string, n = 1): ErrorCodes {
  codes[code] = (codes[code] ?? 0) + n;
  return codes;
}

export function mergeCodes(...all: ReadonlyArray<ErrorCodes | undefined>): ErrorCodes {
  const out: ErrorCodes = {};
  for (const codes of all) for (const [code, n] of Object.entries(codes ?? {})) addCode(out, code, n);
  return out;
}

/** `0`, or `2 (OVERLOADED 2)`, `3 (TIMEOUT 2, ECONNRESET 1)`: most frequent first. */
export function formatErrors(errors: number, codes: ErrorCodes | undefined): string {
  if (!errors) return '0';
  const entries = Object.entries(codes ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const recorded = entries.reduce((a, [, n]) => a + n, 0);
  const parts = entries.map(([c, n]) => `${c} ${n}`);
  if (recorded < errors) parts.push(`UNRECORDED ${errors - recorded}`);
  return `${errors} (${parts.join(', ')})`;
}

/** Errors whose code was not recorded (a harness bug when above 0). */
export function unrecorded(errors: number, codes: ErrorCodes | undefined): number {
  return Math.max(0, errors - Object.values(codes ?? {}).reduce((a, n) => a + n, 0));
}
