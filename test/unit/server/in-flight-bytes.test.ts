import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { getHeapStatistics } from 'node:v8';
import {
  DEFAULT_HEAP_SHARE,
  defaultMaxBytes,
  InFlightBudget,
  type Admission,
  type InFlightSettings,
} from '../../../src/server/limits/in-flight';
import { BYTES_PER_CELL, BYTES_PER_FIELD, requestBytes } from '../../../src/server/limits/request-size';
import { operationCost } from '../../../src/server/limits/rules';

const MiB = 1024 * 1024;

const settings = (maxBytes?: number): InFlightSettings => ({
  ...(maxBytes !== undefined ? { maxBytes } : {}),
  maxCells: 1_000_000,
  maxCellsPerPrincipal: 1_000_000,
  heavyCells: 1_000_000,
  maxHeavy: 4,
  maxHeavyPerPrincipal: 4,
  retryAfterSeconds: 2,
  queue: { maxWaitMs: 10_000, maxWaiting: 8, maxWaitingPerPrincipal: 8 },
});

const granted = (a: Admission): (() => void) => {
  if (!a.ok) throw new Error(`refused: ${a.scope} ${a.what}`);
  return a.release;
};

describe('the in-flight byte budget', () => {
  test('unset, maxBytes is a fifth of the heap limit it is given, and of this process by default', () => {
    expect(DEFAULT_HEAP_SHARE).toBe(0.2);
    expect(defaultMaxBytes(560 * MiB)).toBe(112 * MiB);
    expect(defaultMaxBytes(4144 * MiB)).toBe(Math.floor(4144 * MiB * 0.2));
    const limit = getHeapStatistics().heap_size_limit;
    expect(new InFlightBudget(settings()).maxBytes).toBe(Math.floor(limit * 0.2));
    expect(new InFlightBudget(settings(7 * MiB)).maxBytes).toBe(7 * MiB);
  });

  test('bytes bound requests hub-wide across principals: the next waits, first come first served, and is admitted on release', async () => {
    const budget = new InFlightBudget(settings(100 * MiB));
    const a = granted(await budget.admitOrWait('a', 0, 45 * MiB));
    const b = granted(await budget.admitOrWait('b', 0, 45 * MiB));
    expect(budget.bytesInFlight).toBe(90 * MiB);
    let third = false;
    const waiting = budget.admitOrWait('c', 0, 45 * MiB).then((x) => ((third = true), x));
    // a small one behind it waits too: the queue is not overtaken
    const small = budget.admitOrWait('d', 0, 1 * MiB);
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    expect(budget.queued).toBe(2);
    a();
    const c = granted(await waiting);
    const d = granted(await small);
    expect(budget.bytesInFlight).toBe(91 * MiB);
    b();
    c();
    d();
    expect(budget.bytesInFlight).toBe(0);
    expect(budget.usage).toEqual({ cells: 0, heavy: 0, principals: 0 });
  });

  test('a request alone always fits; over the bytes with no queue it is refused as the hub budget, holding nothing', async () => {
    const budget = new InFlightBudget({
      ...settings(10 * MiB),
      queue: { maxWaitMs: 0, maxWaiting: 0, maxWaitingPerPrincipal: 0 },
    });
    const big = granted(budget.admit('a', 0, 50 * MiB));
    expect(budget.admit('b', 0, 1)).toMatchObject({
      ok: false,
      scope: 'hub',
      what: 'bytes',
      inFlight: 50 * MiB,
      max: 10 * MiB,
    });
    expect(await budget.admitOrWait('b', 0, 1)).toMatchObject({ ok: false, what: 'bytes' });
    expect(budget.bytesInFlight).toBe(50 * MiB);
    big();
    expect(budget.bytesInFlight).toBe(0);
  });
});

describe('the size of a request', () => {
  test('cells at BYTES_PER_CELL plus field values at BYTES_PER_FIELD; an unbounded cost adds nothing', () => {
    expect(requestBytes(41_904, 0)).toBe(41_904 * BYTES_PER_CELL);
    expect(requestBytes(0, 670_001)).toBe(670_001 * BYTES_PER_FIELD);
    expect(requestBytes(10, 5)).toBe(10 * BYTES_PER_CELL + 5 * BYTES_PER_FIELD);
    expect(requestBytes(10, Infinity)).toBe(10 * BYTES_PER_CELL);
  });

  test("a list's field values as the cost rule counts them: fields × the list sizes around them", () => {
    const schema = buildSchema(`
      type Contact { name: String phone: String email: String }
      type Customer { id: ID name: String contacts: [Contact!]! }
      type Query { customers(limit: Int): [Customer!]! }
    `);
    const op = (q: string) =>
      parse(q).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const limits = { maxDepth: 10, maxCost: 100_000_000, defaultPageSize: 100, defaultListSize: 20 };
    // customers 1 + 1,000 × (id, name, contacts) + 1,000 × 20 × (name, phone, email)
    expect(
      operationCost(
        schema,
        op('{ customers(limit: 1000) { id name contacts { name phone email } } }'),
        new Map(),
        limits,
      ),
    ).toEqual({
      depth: 3,
      cost: 1 + 3_000 + 60_000,
    });
    // without a limit: the default page size
    expect(operationCost(schema, op('{ customers { id } }'), new Map(), limits)?.cost).toBe(1 + 100);
  });
});
