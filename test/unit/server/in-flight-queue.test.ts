import { InFlightBudget, type Admission, type InFlightSettings } from '../../../src/server/limits/in-flight';

const settings = (queue?: InFlightSettings['queue']): InFlightSettings => ({
  maxCells: 100,
  maxCellsPerPrincipal: 60,
  heavyCells: 1_000,
  maxHeavy: 4,
  maxHeavyPerPrincipal: 2,
  retryAfterSeconds: 2,
  queue,
});

const granted = (a: Admission): (() => void) => {
  if (!a.ok) throw new Error(`refused: ${a.scope} ${a.what}`);
  return a.release;
};

describe('the in-flight budget queue', () => {
  test('a request over the budget waits and is admitted, oldest first, when reservations come back', async () => {
    const budget = new InFlightBudget(settings({ maxWaitMs: 10_000, maxWaiting: 8, maxWaitingPerPrincipal: 8 }));
    const first = granted(await budget.admitOrWait('a', 50));
    const order: string[] = [];
    const second = budget.admitOrWait('a', 50).then((a) => (order.push('second'), a));
    const third = budget.admitOrWait('a', 10).then((a) => (order.push('third'), a));
    await new Promise((r) => setImmediate(r));
    // the third fits beside the first (60 per principal) but waits behind the second: first come, first served
    expect(order).toEqual([]);
    expect(budget.usage.cells).toBe(50);
    expect(budget.queued).toBe(2);
    first();
    const releaseSecond = granted(await second);
    const releaseThird = granted(await third);
    expect(order).toEqual(['second', 'third']);
    expect(budget.usage.cells).toBe(60);
    expect(budget.queued).toBe(0);
    releaseSecond();
    releaseThird();
    expect(budget.usage).toEqual({ cells: 0, heavy: 0, principals: 0 });
    expect(budget.queued).toBe(0);
  });

  test('a wait that runs out is refused with the scope that did not fit, and holds nothing', async () => {
    const budget = new InFlightBudget(settings({ maxWaitMs: 30, maxWaiting: 8, maxWaitingPerPrincipal: 8 }));
    const held = granted(await budget.admitOrWait('a', 60));
    const refused = await budget.admitOrWait('a', 10);
    expect(refused).toMatchObject({ ok: false, scope: 'principal', what: 'cells', inFlight: 60, max: 60 });
    expect(budget.usage.cells).toBe(60);
    expect(budget.queued).toBe(0);
    held();
    expect(budget.usage.cells).toBe(0);
  });

  test('a full queue refuses at once, hub-wide and per principal; no queue refuses at once', async () => {
    const budget = new InFlightBudget(settings({ maxWaitMs: 10_000, maxWaiting: 2, maxWaitingPerPrincipal: 1 }));
    const a = granted(await budget.admitOrWait('a', 60));
    const b = granted(await budget.admitOrWait('b', 40));
    const waitingA = budget.admitOrWait('a', 10);
    expect(await budget.admitOrWait('a', 10)).toMatchObject({ ok: false, scope: 'principal' });
    const waitingB = budget.admitOrWait('b', 10);
    expect(await budget.admitOrWait('c', 10)).toMatchObject({ ok: false, scope: 'hub', what: 'cells' });
    expect(budget.queued).toBe(2);
    a();
    b();
    granted(await waitingA)();
    granted(await waitingB)();
    expect(budget.usage.cells).toBe(0);
    expect(budget.queued).toBe(0);

    const noQueue = new InFlightBudget(settings({ maxWaitMs: 0, maxWaiting: 8, maxWaitingPerPrincipal: 8 }));
    const held = granted(await noQueue.admitOrWait('a', 60));
    expect(await noQueue.admitOrWait('a', 10)).toMatchObject({ ok: false, scope: 'principal' });
    held();
  });
});
