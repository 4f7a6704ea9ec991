import { InFlightBudget, type InFlightSettings } from '../../../src/server/limits/in-flight';
import { registry } from '../../../src/observability/metrics';

/**
 * The in-flight budget (src/server/limits/in-flight.ts) alone: reservations hub-wide and per principal,
 * heavy slots, the refusal's scope and numbers, and release. The hub-level proof (a child process with a
 * bounded heap, 32 parallel requests) is test/security/in-flight-memory.test.ts.
 */
const SETTINGS: InFlightSettings = {
  maxCells: 1000,
  maxCellsPerPrincipal: 600,
  heavyCells: 300,
  maxHeavy: 2,
  maxHeavyPerPrincipal: 1,
  retryAfterSeconds: 2,
};

async function gauge(name: string): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name) as
    { values: Array<{ value: number }> } | undefined;
  return metric?.values[0]?.value ?? NaN;
}

function admitted(b: InFlightBudget, principal: string, cells: number): () => void {
  const a = b.admit(principal, cells);
  if (!a.ok) throw new Error(`refused: ${JSON.stringify(a)}`);
  return a.release;
}

describe('InFlightBudget', () => {
  test('reserves cells per principal and hub-wide, and releases them (once, however often release is called)', async () => {
    const b = new InFlightBudget(SETTINGS);
    const r1 = admitted(b, 'a', 100);
    const r2 = admitted(b, 'b', 200);
    expect(b.usage).toEqual({ cells: 300, heavy: 0, principals: 2 });
    expect(await gauge('hub_in_flight_cells')).toBe(300);
    r1();
    r1();
    expect(b.usage).toEqual({ cells: 200, heavy: 0, principals: 1 });
    r2();
    expect(b.usage).toEqual({ cells: 0, heavy: 0, principals: 0 });
    expect(await gauge('hub_in_flight_cells')).toBe(0);
  });

  test('a principal over its cell budget: 429-scope refusal with what it holds and the maximum; exactly at the maximum fits', () => {
    const b = new InFlightBudget(SETTINGS);
    admitted(b, 'a', 250);
    expect(b.admit('a', 351)).toEqual({ ok: false, scope: 'principal', what: 'cells', inFlight: 250, max: 600 });
    expect(b.usage.cells).toBe(250); // nothing held for the refused request
    admitted(b, 'a', 50);
    admitted(b, 'a', 299); // 599
    admitted(b, 'a', 1); // 600 = the maximum
    expect(b.admit('a', 1)).toMatchObject({ ok: false, scope: 'principal', what: 'cells', inFlight: 600 });
    // Another principal is not refused for a's reservations.
    admitted(b, 'b', 10);
  });

  test('a request alone always fits the cell budgets (each is bounded by maxResponseCells on its own)', () => {
    const b = new InFlightBudget({ ...SETTINGS, heavyCells: 1e9 });
    const release = admitted(b, 'a', 5000);
    expect(b.admit('b', 1)).toEqual({ ok: false, scope: 'hub', what: 'cells', inFlight: 5000, max: 1000 });
    release();
    admitted(b, 'b', 5000);
  });

  test('the hub-wide cell budget: refused with scope hub once the sum would pass it; the sum exactly at it fits', () => {
    const b = new InFlightBudget(SETTINGS);
    admitted(b, 'a', 290);
    admitted(b, 'b', 290);
    admitted(b, 'c', 290);
    expect(b.admit('d', 131)).toEqual({ ok: false, scope: 'hub', what: 'cells', inFlight: 870, max: 1000 });
    admitted(b, 'd', 130);
    expect(b.usage.cells).toBe(1000);
  });

  test('heavy requests: one per principal, two hub-wide; a request of exactly heavyCells is heavy; released slots are free again', async () => {
    const b = new InFlightBudget({ ...SETTINGS, maxCells: 1e6, maxCellsPerPrincipal: 1e6 });
    const a1 = admitted(b, 'a', 300);
    expect(b.usage.heavy).toBe(1);
    expect(await gauge('hub_in_flight_heavy_requests')).toBe(1);
    expect(b.admit('a', 400)).toEqual({ ok: false, scope: 'principal', what: 'heavy', inFlight: 1, max: 1 });
    // exactly heavyCells is heavy for the refusal too, not only for what is reserved
    expect(b.admit('a', 300)).toEqual({ ok: false, scope: 'principal', what: 'heavy', inFlight: 1, max: 1 });
    admitted(b, 'a', 299); // light: not a heavy slot
    admitted(b, 'b', 300);
    expect(b.admit('c', 500)).toEqual({ ok: false, scope: 'hub', what: 'heavy', inFlight: 2, max: 2 });
    expect(b.admit('c', 300)).toEqual({ ok: false, scope: 'hub', what: 'heavy', inFlight: 2, max: 2 });
    a1();
    expect(b.usage.heavy).toBe(1);
    admitted(b, 'c', 500);
    expect(b.usage).toEqual({ cells: 1099, heavy: 2, principals: 3 });
  });

  test('the principal is forgotten only when it holds nothing; its later reservations count from zero', () => {
    const b = new InFlightBudget(SETTINGS);
    const r1 = admitted(b, 'a', 100);
    const r2 = admitted(b, 'a', 200);
    r1();
    expect(b.usage.principals).toBe(1);
    expect(b.admit('a', 401)).toMatchObject({ ok: false, inFlight: 200 });
    r2();
    expect(b.usage.principals).toBe(0);
    admitted(b, 'a', 600);
  });
});
