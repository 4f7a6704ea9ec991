import type { EngineContext } from '../../../src/engine/context';
import { estimateOutput } from '../../../src/engine/estimate';
import type { ValuesRequest } from '../../../src/engine/request';

/**
 * The output estimate (limits.maxResponseCells, limits.inFlight) of a cross-tabulation: members are the
 * PRODUCT of each dimension's bound, not the largest one (issue 22, item 8: a surviving mutant bounded a
 * multi-dimension table by its largest dimension, so oversized cross-tabulations would run).
 */
const COUNTS: Record<string, number> = { Customer: 2000, Product: 30, Region: 7 };
const ctx = {
  runtime: {
    model: {
      dimensions: { customer: 'Customer', product: 'Product', region: 'Region' },
      entities: { Customer: { conformed: true }, Product: { conformed: true }, Region: { conformed: true } },
    },
    keyMap: { count: (entity: string) => COUNTS[entity] ?? 0 },
    config: { limits: { maxStatementRows: 250_000 } },
  },
} as unknown as EngineContext;

const months = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    label: `2025-${String(i + 1).padStart(2, '0')}`,
    from: '',
    to: '',
    grain: 'month',
  }));
const request = (over: Partial<ValuesRequest>): ValuesRequest =>
  ({ codes: ['revenue', 'cogs'], buckets: months(12), groupBy: [], filters: [], ...over }) as unknown as ValuesRequest;

describe('estimateOutput', () => {
  test('two dimensions: periods × (customers × products) × indicators', () => {
    const e = estimateOutput(
      ctx,
      request({ groupBy: [{ dimension: 'customer' }, { dimension: 'product' }] } as Partial<ValuesRequest>),
    );
    expect(e).toEqual({ periods: 12, members: 2000 * 30, indicators: 2, cells: 12 * 2000 * 30 * 2 });
  });

  test('three dimensions multiply too; a filter bounds its own dimension only', () => {
    const e = estimateOutput(
      ctx,
      request({
        groupBy: [{ dimension: 'customer' }, { dimension: 'product' }, { dimension: 'region' }],
        filters: [{ dimension: 'customer', ids: ['c1', 'c2', 'c2', 'c3'] }],
      } as Partial<ValuesRequest>),
    );
    expect(e.members).toBe(3 * 30 * 7);
    expect(e.cells).toBe(12 * 3 * 30 * 7 * 2);
  });

  test('ungrouped: one member; top N caps the product', () => {
    expect(estimateOutput(ctx, request({})).members).toBe(1);
    const top = estimateOutput(
      ctx,
      request({
        groupBy: [{ dimension: 'customer' }, { dimension: 'product' }],
        top: { n: 10 },
      } as unknown as Partial<ValuesRequest>),
    );
    expect(top.members).toBe(10);
  });
});
