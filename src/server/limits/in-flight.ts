import { Gauge } from 'prom-client';
import { getHeapStatistics } from 'node:v8';
import { registry } from '../../observability/metrics';

export interface InFlightSettings {
  /**
   * Estimated bytes of heap the requests being answered at once may take, hub-wide (every request: an
   * indicator table by its cells, anything else by its fields × list sizes; request-size.ts). Unset: a
   * share of V8's heap limit (`defaultMaxBytes`), so the bound follows `--max-old-space-size`.
   */
  maxBytes?: number;
  /** Estimated indicator cells of all requests being answered at once, hub-wide. */
  maxCells: number;
  /** The same, per principal. */
  maxCellsPerPrincipal: number;
  /** A request estimated at this many cells or more is heavy. */
  heavyCells: number;
  /** Heavy requests answered at once, hub-wide. */
  maxHeavy: number;
  /** Heavy requests answered at once, per principal. */
  maxHeavyPerPrincipal: number;
  /** Retry-After of a request refused for the budget. */
  retryAfterSeconds: number;
  /**
   * A request that does not fit waits for reservations to be returned, first come first served, at most
   * `maxWaitMs`; at most `maxWaiting` wait hub-wide and `maxWaitingPerPrincipal` per principal (a waiting
   * request holds its parsed document, no rows). `maxWaitMs: 0` refuses at once.
   */
  queue?: { maxWaitMs: number; maxWaiting: number; maxWaitingPerPrincipal: number };
}

/** Share of V8's heap limit the answers in flight may take by default: the rest is the resident hub and garbage. */
export const DEFAULT_HEAP_SHARE = 0.2;

/** limits.inFlight.maxBytes when not configured: `DEFAULT_HEAP_SHARE` of V8's heap limit (old + young space). */
export function defaultMaxBytes(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.floor(heapLimitBytes * DEFAULT_HEAP_SHARE);
}

interface Waiter {
  principal: string;
  cells: number;
  bytes: number;
  done: (admission: Admission) => void;
  timer: NodeJS.Timeout;
}

/** Why a request did not fit: the hub's budget (503 OVERLOADED) or its principal's (429 TOO_MANY_IN_FLIGHT). */
export interface OverBudget {
  scope: 'hub' | 'principal';
  what: 'cells' | 'heavy' | 'bytes';
  inFlight: number;
  max: number;
}

export type Admission = { ok: true; release: () => void } | ({ ok: false } & OverBudget);

const inFlightCells = new Gauge({
  name: 'hub_in_flight_cells',
  help: 'Estimated indicator cells of the requests being answered now (limits.inFlight.maxCells).',
  registers: [registry],
});
const inFlightBytes = new Gauge({
  name: 'hub_in_flight_bytes',
  help: 'Estimated heap bytes of the requests being answered now (limits.inFlight.maxBytes).',
  registers: [registry],
});
const inFlightHeavy = new Gauge({
  name: 'hub_in_flight_heavy_requests',
  help: 'Heavy requests (limits.inFlight.heavyCells or more) being answered now.',
  registers: [registry],
});

/**
 * Memory bounded across requests: every indicator table is bounded alone (limits.maxResponseCells), and
 * this budget bounds them together. A request reserves its estimated bytes hub-wide, its estimated cells —
 * hub-wide and for its principal — and, when heavy, one of the heavy slots, before any statement runs (a
 * request alone always fits the cell and byte budgets: each is bounded by limits.maxResponseCells and the
 * cost limit); the reservation is
 * returned when its response is sent. A request that does not fit waits in a bounded queue
 * (`admitOrWait`, settings.queue: how long, how many) for reservations to come back — so 32 dashboards
 * sent together are answered a few at a time instead of refused or all held in memory at once; when the
 * queue is full or the wait is over it is refused: 503 OVERLOADED for the hub's budget, 429
 * TOO_MANY_IN_FLIGHT for the principal's, both with Retry-After. Nothing is held for a refused request.
 */
export class InFlightBudget {
  private cells = 0;
  private bytes = 0;
  private heavy = 0;
  readonly maxBytes: number;
  private readonly byPrincipal = new Map<string, { cells: number; heavy: number }>();
  private readonly waiting: Waiter[] = [];

  constructor(readonly settings: InFlightSettings) {
    this.maxBytes = settings.maxBytes ?? defaultMaxBytes();
  }

  /** `admit`, or — when the request does not fit and the queue has room — wait for it to fit. */
  admitOrWait(principal: string, cells: number, bytes = 0): Promise<Admission> {
    const now = this.waiting.length === 0 ? this.admit(principal, cells, bytes) : undefined;
    if (now?.ok) return Promise.resolve(now);
    const q = this.settings.queue;
    const refusal = now ??
      this.check(principal, cells, bytes) ?? {
        scope: 'hub',
        what: 'cells',
        inFlight: this.cells,
        max: this.settings.maxCells,
      };
    const mineWaiting = this.waiting.filter((w) => w.principal === principal).length;
    if (!q || q.maxWaitMs <= 0 || this.waiting.length >= q.maxWaiting || mineWaiting >= q.maxWaitingPerPrincipal)
      return Promise.resolve(now ?? { ok: false, ...refusal });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        principal,
        cells,
        bytes,
        done: resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          resolve({ ok: false, ...(this.check(principal, cells, bytes) ?? refusal) });
        }, q.maxWaitMs),
      };
      waiter.timer.unref?.();
      this.waiting.push(waiter);
      this.wake();
    });
  }

  admit(principal: string, cells: number, bytes = 0): Admission {
    const s = this.settings;
    const over = this.check(principal, cells, bytes);
    if (over) return { ok: false, ...over };
    const mine = this.byPrincipal.get(principal) ?? { cells: 0, heavy: 0 };
    const isHeavy = cells >= s.heavyCells ? 1 : 0;
    mine.cells += cells;
    mine.heavy += isHeavy;
    this.byPrincipal.set(principal, mine);
    this.cells += cells;
    this.bytes += bytes;
    this.heavy += isHeavy;
    this.publish();
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        mine.cells -= cells;
        mine.heavy -= isHeavy;
        if (mine.cells <= 0 && mine.heavy <= 0) this.byPrincipal.delete(principal);
        this.cells -= cells;
        this.bytes -= bytes;
        this.heavy -= isHeavy;
        this.publish();
        this.wake();
      },
    };
  }

  /** Why `cells` and `bytes` more for `principal` would not fit now, or undefined when they would. */
  private check(principal: string, cells: number, bytes: number): OverBudget | undefined {
    const s = this.settings;
    const mine = this.byPrincipal.get(principal) ?? { cells: 0, heavy: 0 };
    const isHeavy = cells >= s.heavyCells ? 1 : 0;
    return isHeavy && mine.heavy + 1 > s.maxHeavyPerPrincipal
      ? { scope: 'principal', what: 'heavy', inFlight: mine.heavy, max: s.maxHeavyPerPrincipal }
      : mine.cells > 0 && mine.cells + cells > s.maxCellsPerPrincipal
        ? { scope: 'principal', what: 'cells', inFlight: mine.cells, max: s.maxCellsPerPrincipal }
        : isHeavy && this.heavy + 1 > s.maxHeavy
          ? { scope: 'hub', what: 'heavy', inFlight: this.heavy, max: s.maxHeavy }
          : this.cells > 0 && this.cells + cells > s.maxCells
            ? { scope: 'hub', what: 'cells', inFlight: this.cells, max: s.maxCells }
            : this.bytes > 0 && this.bytes + bytes > this.maxBytes
              ? { scope: 'hub', what: 'bytes', inFlight: this.bytes, max: this.maxBytes }
              : undefined;
  }

  /** Admits waiting requests strictly oldest first, while the oldest fits (a large one is not overtaken). */
  private wake(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (this.check(next.principal, next.cells, next.bytes)) break;
      const w = this.waiting.shift()!;
      clearTimeout(w.timer);
      w.done(this.admit(w.principal, w.cells, w.bytes));
    }
  }

  /** What is reserved now (tests, metrics). */
  get usage(): { cells: number; heavy: number; principals: number } {
    return { cells: this.cells, heavy: this.heavy, principals: this.byPrincipal.size };
  }

  /** Estimated bytes reserved now (tests, metrics). */
  get bytesInFlight(): number {
    return this.bytes;
  }

  /** Requests waiting in the queue now. */
  get queued(): number {
    return this.waiting.length;
  }

  private publish(): void {
    inFlightCells.set(this.cells);
    inFlightBytes.set(this.bytes);
    inFlightHeavy.set(this.heavy);
  }
}
