import autocannon from 'autocannon';
import { addCode, responseErrorCode, transportErrorCode, type ErrorCodes } from './errors';
import { summarise, type Latency } from './stats';

export interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Requests to send in all: the run ends when every one has been answered (or timed out). */
  amount: number;
  timeoutSeconds: number;
  /** Hard stop: requests still in flight then are not counted (the run is marked truncated). */
  stopAfterMs: number;
}

/**
 * One bounded autocannon run on loopback: exactly `amount` requests over `connections` connections,
 * each request's latency recorded (autocannon's own summary has no p95). A request counts as an error
 * when its status is not 2xx, its body carries GraphQL `errors`, it timed out or its connection failed;
 * each error is recorded with its code (bench/lib/errors.ts).
 */
export async function runLoad(plan: LoadPlan): Promise<Latency & { truncated: boolean }> {
  const latencies: number[] = [];
  const codes: ErrorCodes = {};
  let failed = 0;
  // autocannon emits a response's status ('response') and then, synchronously in the same parser
  // callback, hands its body to verifyBody: the status seen last is this body's.
  let lastStatus = 0;
  const started = performance.now();
  let instance!: autocannon.Instance;
  let stopper: NodeJS.Timeout | undefined;
  let truncated = false;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: plan.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...plan.headers },
        body: plan.body,
        connections: plan.connections,
        amount: plan.amount,
        timeout: plan.timeoutSeconds,
        pipelining: 1,
        verifyBody: (body) => {
          const code = responseErrorCode(lastStatus, body as string | Buffer | undefined);
          if (code) {
            failed += 1;
            addCode(codes, code);
          }
          return true; // counted here, by code; autocannon's own "mismatches" stay 0
        },
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    stopper = setTimeout(() => {
      truncated = true;
      instance.stop();
    }, plan.stopAfterMs);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      lastStatus = statusCode;
      latencies.push(responseTime);
    });
    // Timeouts ("request timed out") and connection errors: no response, so no body to read.
    instance.on('reqError', (error) => addCode(codes, transportErrorCode(error)));
  });
  clearTimeout(stopper);
  const elapsed = performance.now() - started;
  const errors = failed + result.errors + result.mismatches;
  return { ...summarise(latencies, errors, elapsed, codes), truncated };
}

/** How many requests make a run of about `seconds`, given a request's service time at concurrency 1 — at least one per connection. */
export function amountFor(seconds: number, serviceMs: number, connections: number): number {
  return Math.max(connections, Math.round((seconds * 1000) / Math.max(serviceMs, 0.5)));
}
