import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Logger } from 'pino';
import type { NoticeStore } from './notice-store';
import type { WebhookAllowList } from './allow-list';
import { retryDelayMs } from './backoff';
import { pinTarget, systemResolve, type PinnedTarget, type Resolve } from './pinned-target';
import { webhookHeaders } from './signature';
import type { DueDelivery, Notice, WebhookAttempt } from './types';

export interface WebhookSettings {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  pollIntervalMs: number;
  concurrency: number;
}

/** Beyond the attempt's own timeout, how long a claimed delivery stays leased to this dispatcher. */
const LEASE_MARGIN_MS = 10_000;

/** The JSON a receiver gets (the notice without its inbox addresses). */
export function webhookPayload(n: Notice): Record<string, unknown> {
  return {
    id: n.id,
    kind: n.kind,
    code: n.code,
    changeId: n.changeId,
    version: n.version,
    actor: n.actor,
    at: n.at,
    note: n.note,
    affected: n.affected,
  };
}

/**
 * Delivers pending webhook deliveries from the store: POST of the notice as JSON, signed the Standard
 * Webhooks way with the subscription's secret (src/notices/signature.ts): `webhook-id` is the delivery id
 * (the same on every retry: receivers dedupe on it, delivery is at-least-once), `webhook-timestamp` the
 * attempt's Unix seconds, `webhook-signature` covers id, timestamp and body; X-Hub-Event names the kind.
 * Before each attempt the URL is checked against the allow-list again and its host resolved once; every
 * address is checked (src/notices/pinned-target.ts: never the hub itself, no name leading to loopback) and
 * the connection goes to exactly the checked address — the name is not looked up a second time (DNS
 * rebinding), while the Host header and the TLS server name stay the URL's. A 2xx answer delivers; anything else
 * (redirects are never followed, no answer within the timeout,
 * connection refused) is a failed attempt, retried after base × 2^(n-1) ms up to `attempts`. Every
 * attempt is a row in the store, so a restarted hub resumes where it stopped. The secret is never
 * logged; only the URL's origin is.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private closed = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: NoticeStore,
    private readonly allowList: WebhookAllowList,
    private readonly settings: WebhookSettings,
    private readonly log: Logger,
    private readonly resolve: Resolve = systemResolve,
  ) {}

  /** Starts polling: deliveries left pending by a previous run are picked up at once. */
  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /** A new delivery may be due: look now (or right after the current round). Nothing before start(). */
  wake(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.stopping.abort();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = undefined;
      });
    }, ms);
    this.timer.unref();
  }

  /** Claims and attempts due deliveries until none is left, then sleeps until the next is due (at most the poll interval). */
  private async round(): Promise<void> {
    const { concurrency, pollIntervalMs, timeoutMs } = this.settings;
    let sleep = pollIntervalMs;
    try {
      for (;;) {
        this.again = false;
        const now = Date.now();
        const due = await this.store.claimDue(
          new Date(now).toISOString(),
          new Date(now + timeoutMs + LEASE_MARGIN_MS).toISOString(),
          concurrency,
        );
        await Promise.all(due.map((d) => this.attempt(d)));
        if (this.closed) return;
        if (due.length < concurrency && !this.again) break;
      }
      const next = await this.store.nextDueAt();
      if (next !== null) sleep = Math.max(0, Math.min(pollIntervalMs, Date.parse(next) - Date.now()));
    } catch (error) {
      if (this.closed) return;
      this.log.error(
        { err: error },
        'webhook dispatcher: could not read or update deliveries; retrying at the next poll',
      );
    }
    this.schedule(this.again ? 0 : sleep);
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const number = d.attempts + 1;
    const started = Date.now();
    const at = new Date(started).toISOString();
    const target = originOf(d.url);
    const pinning = await pinTarget(d.url, this.allowList, this.resolve);
    if (pinning.kind === 'refused') {
      await this.finish(
        d,
        {
          attempt: number,
          at,
          statusCode: null,
          error: `not sent: ${pinning.reason}`,
          durationMs: 0,
          nextAttemptAt: null,
        },
        'failed',
      );
      this.log.warn(
        { deliveryId: d.id, target },
        "webhook not sent: the URL is refused (allow-list, the hub's own address, or what its name resolves to)",
      );
      return;
    }
    const body = JSON.stringify(webhookPayload(d.notice));
    let statusCode: number | null = null;
    let error: string | null = null;
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      if (pinning.kind === 'unresolved') throw new Error(pinning.error);
      statusCode = await post(pinning.target, body, AbortSignal.any([timeout, this.stopping.signal]), {
        'content-type': 'application/json',
        'user-agent': 'indicator-hub-webhooks',
        'x-hub-event': d.notice.kind,
        ...webhookHeaders(d.secret, String(d.id), Math.floor(started / 1000), body),
      });
      if (statusCode >= 300 && statusCode < 400) error = `HTTP ${statusCode}: redirects are not followed`;
      else if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (thrown) {
      if (this.stopping.signal.aborted) {
        // Stopping mid-attempt: not counted; the next run tries again.
        await this.store.release(d.id, new Date().toISOString()).catch(() => undefined);
        return;
      }
      error = timeout.aborted
        ? `no answer within ${this.settings.timeoutMs} ms`
        : describeFailure(thrown, this.settings.timeoutMs);
    }
    const durationMs = Date.now() - started;
    if (error === null) {
      await this.finish(d, { attempt: number, at, statusCode, error, durationMs, nextAttemptAt: null }, 'delivered');
      this.log.info({ deliveryId: d.id, attempt: number, target, statusCode }, 'webhook delivered');
      return;
    }
    const last = number >= this.settings.attempts;
    const nextAttemptAt = last
      ? null
      : new Date(Date.now() + retryDelayMs(number, this.settings.baseDelayMs, this.settings.maxDelayMs)).toISOString();
    await this.finish(
      d,
      { attempt: number, at, statusCode, error, durationMs, nextAttemptAt },
      last ? 'failed' : 'pending',
    );
    this.log.warn(
      { deliveryId: d.id, attempt: number, target, statusCode, error, nextAttemptAt },
      last ? 'webhook failed: attempts used up' : 'webhook attempt failed: will retry',
    );
  }

  private async finish(
    d: DueDelivery,
    attempt: WebhookAttempt,
    status: 'pending' | 'delivered' | 'failed',
  ): Promise<void> {
    await this.store.recordAttempt(d.id, attempt, { status, deliveredAt: status === 'delivered' ? attempt.at : null });
  }
}

/**
 * POSTs `body` to the pinned address: the request names the URL's host (Host header, TLS server name and
 * certificate check), and its `lookup` answers the checked address without asking DNS. Redirects are never
 * followed (a 3xx is the answer). Resolves to the status code.
 */
function post(
  target: PinnedTarget,
  body: string,
  signal: AbortSignal,
  headers: Record<string, string>,
): Promise<number> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(target.url, {
      method: 'POST',
      lookup: pinned,
      agent: false,
      signal,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function describeFailure(thrown: unknown, timeoutMs: number): string {
  const error = thrown as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error?.cause?.code ?? error?.cause?.message;
  return `request failed: ${cause ?? error?.message ?? String(thrown)}`.slice(0, 500);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
