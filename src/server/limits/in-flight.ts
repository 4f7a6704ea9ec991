import { Gauge } from 'prom-client';
import { registry } from '../../observability/metrics';

export interface InFlightSettings {
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
}

/** Why a request did not fit: the hub's budget (503 OVERLOADED) or its principal's (429 TOO_MANY_IN_FLIGHT). */
export interface OverBudget {
  scope: 'hub' | 'principal';
  what: 'cells' | 'heavy';
  inFlight: number;
  max: number;
}

export type Admission = { ok: true; release: () => void } | ({ ok: false } & OverBudget);

const inFlightCells = new Gauge({
  name: 'hub_in_flight_cells',
  help: 'Estimated indicator cells of the requests being answered now (limits.inFlight.maxCells).',
  registers: [registry],
});
const inFlightHeavy = new Gauge({
  name: 'hub_in_flight_heavy_requests',
  help: 'Heavy requests (limits.inFlight.heavyCells or more) being answered now.',
  registers: [registry],
});

/**
 * Memory bounded across requests: every indicator table is bounded alone (limits.maxResponseCells), and
 * this budget bounds them together. A request reserves its estimated cells — hub-wide and for its
 * principal — and, when heavy, one of the heavy slots, before any statement runs (a request alone always
 * fits the cell budgets: each is bounded by limits.maxResponseCells); the reservation is
 * returned when its response is sent. A request that does not fit is refused at once (no queue that
 * would itself hold memory): 503 OVERLOADED for the hub's budget, 429 TOO_MANY_IN_FLIGHT for the
 * principal's, both with Retry-After. Nothing is ever held for a request that was refused.
 */
export class InFlightBudget {
  private cells = 0;
  private heavy = 0;
  private readonly byPrincipal = new Map<string, { cells: number; heavy: number }>();

  constructor(readonly settings: InFlightSettings) {}

  admit(principal: string, cells: number): Admission {
    const s = this.settings;
    const mine = this.byPrincipal.get(principal) ?? { cells: 0, heavy: 0 };
    const isHeavy = cells >= s.heavyCells ? 1 : 0;
    const over: OverBudget | undefined =
      isHeavy && mine.heavy + 1 > s.maxHeavyPerPrincipal
        ? { scope: 'principal', what: 'heavy', inFlight: mine.heavy, max: s.maxHeavyPerPrincipal }
        : mine.cells > 0 && mine.cells + cells > s.maxCellsPerPrincipal
          ? { scope: 'principal', what: 'cells', inFlight: mine.cells, max: s.maxCellsPerPrincipal }
          : isHeavy && this.heavy + 1 > s.maxHeavy
            ? { scope: 'hub', what: 'heavy', inFlight: this.heavy, max: s.maxHeavy }
            : this.cells > 0 && this.cells + cells > s.maxCells
              ? { scope: 'hub', what: 'cells', inFlight: this.cells, max: s.maxCells }
              : undefined;
    if (over) return { ok: false, ...over };
    mine.cells += cells;
    mine.heavy += isHeavy;
    this.byPrincipal.set(principal, mine);
    this.cells += cells;
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
        this.heavy -= isHeavy;
        this.publish();
      },
    };
  }

  /** What is reserved now (tests, metrics). */
  get usage(): { cells: number; heavy: number; principals: number } {
    return { cells: this.cells, heavy: this.heavy, principals: this.byPrincipal.size };
  }

  private publish(): void {
    inFlightCells.set(this.cells);
    inFlightHeavy.set(this.heavy);
  }
}
