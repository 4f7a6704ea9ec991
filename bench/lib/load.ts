import autocannon from 'autocannon';
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
 * each request's latency recorded (autocannon's own summary has no p95). A response counts as an error
 * when its status is not 2xx, it timed out, or its body carries GraphQL `errors`.
 */
export async function runLoad(plan: LoadPlan): Promise<Latency & { truncated: boolean }> {
  const latencies: number[] = [];
  let badStatus = 0;
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
        verifyBody: (body) => !String(body ?? '').includes('"errors":['),
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    stopper = setTimeout(() => {
      truncated = true;
      instance.stop();
    }, plan.stopAfterMs);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) badStatus += 1;
    });
  });
  clearTimeout(stopper);
  const elapsed = performance.now() - started;
  return { ...summarise(latencies, badStatus + result.errors + result.mismatches, elapsed), truncated };
}

/** How many requests make a run of about `seconds`, given a request's service time at concurrency 1 — at least one per connection. */
export function amountFor(seconds: number, serviceMs: number, connections: number): number {
  return Math.max(connections, Math.round((seconds * 1000) / Math.max(serviceMs, 0.5)));
}
