import { createValuesLoader, type MemberValue, type ValueKey } from '../../../src/loaders/values-loader';
import { Decimal } from '../../../src/values/decimal';
import { parsePeriod } from '../../../src/values/period';

/** The request's values loader: one computation per (dimension, period) group and tick, members split at the cap. */
describe('values loader', () => {
  const q4 = parsePeriod('2025-Q4');
  const nov = parsePeriod('2025-11');
  const key = (member: string, extra: Partial<ValueKey> = {}): ValueKey =>
    ({ indicator: 'revenue', dimension: 'department', period: q4, member, ...extra }) as ValueKey;
  /** Answers each key with its member's number, and records every group it was asked. */
  const recorder = () => {
    const calls: ValueKey[][] = [];
    const compute = async (keys: readonly ValueKey[]): Promise<MemberValue[]> => {
      calls.push([...keys]);
      return keys.map((k) => ({ value: Decimal.of(k.member.replace(/\D/g, '') || '0') }));
    };
    return { calls, compute };
  };

  test('keys asked in one tick: one computation per (dimension, period), figures and indicators together', async () => {
    const { calls, compute } = recorder();
    const loader = createValuesLoader(compute, 100);
    const keys = [
      key('D1'),
      key('D2'),
      key('D1', { indicator: undefined, figure: { entity: 'Department', name: 'revenue' } }),
      key('D1', { period: nov }),
      key('C7', { dimension: 'customer' }),
    ];
    const answers = await Promise.all(keys.map((k) => loader.load(k)));
    expect(answers.map((a) => a.value?.toString())).toEqual(['1', '2', '1', '1', '7']);
    expect(
      calls
        .map((c) => c.map((k) => `${k.dimension}|${k.period.label}|${k.member}|${k.indicator ?? k.figure!.name}`))
        .sort(),
    ).toEqual(
      [
        ['customer|2025-Q4|C7|revenue'],
        ['department|2025-11|D1|revenue'],
        ['department|2025-Q4|D1|revenue', 'department|2025-Q4|D2|revenue', 'department|2025-Q4|D1|revenue'],
      ].sort(),
    );
    // A figure and an indicator of the same code are different keys.
    expect(calls.flat()).toHaveLength(5);
  });

  test('a group of more members than the cap splits, every key of a member in the same part', async () => {
    const { calls, compute } = recorder();
    const loader = createValuesLoader(compute, 2);
    const members = ['D1', 'D2', 'D3', 'D4', 'D5'];
    await Promise.all([...members.map((m) => loader.load(key(m))), loader.load(key('D1', { indicator: 'budget' }))]);
    expect(calls.map((c) => [...new Set(c.map((k) => k.member))])).toEqual([['D1', 'D2'], ['D3', 'D4'], ['D5']]);
    expect(calls[0]!.map((k) => k.indicator)).toEqual(['revenue', 'revenue', 'budget']);
  });

  test('a failed computation fails its own group only; an Error answer fails its own key only', async () => {
    const loader = createValuesLoader(async (keys) => {
      if (keys[0]!.period.label === '2025-11') throw new Error('source down');
      return keys.map((k) => (k.member === 'D2' ? new Error('refused') : { value: Decimal.of(1) }));
    }, 100);
    const settled = await Promise.allSettled([
      loader.load(key('D1')),
      loader.load(key('D2')),
      loader.load(key('D1', { period: nov })),
    ]);
    expect(
      settled.map((s) => (s.status === 'fulfilled' ? s.value.value?.toString() : (s.reason as Error).message)),
    ).toEqual(['1', 'refused', 'source down']);
  });
});
