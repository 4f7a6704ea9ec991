import { driversOf, shapley } from '../../../src/engine/decompose';
import { none, ok, type Value } from '../../../src/engine/expr';
import type { Indicator } from '../../../src/indicators/dictionary';
import { Decimal } from '../../../src/values/decimal';
import { formula, indicator, plain, shown, simple } from './fixtures';

type Drivers = NonNullable<ReturnType<typeof driversOf>>;
const DAYS = '(days)';

const ratio = (code: string, numerator: string, denominator: string, scale?: number) =>
  indicator({ code, type: 'ratio', numerator, denominator, ...(scale === undefined ? {} : { scale }) });
const declared = (code: string, method: 'product' | 'sum', of: string[]) => simple(code, { drivers: { method, of } });

const driversFor = (i: Indicator): Drivers => {
  const d = driversOf(i);
  if (!d) throw new Error(`${i.def.code} has no drivers`);
  return d;
};
const values = (v: Record<string, string | number>) => new Map(Object.entries(v).map(([k, x]) => [k, Decimal.of(x)]));

/** Deterministic pseudo-random integers (mulberry32). */
function random(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(r * (max - min + 1));
  };
}

/** Contributions for drivers moving from `base` to `current`, and f(current) − f(base). */
function attribute(drivers: Drivers, base: Record<string, number | string>, current: Record<string, number | string>) {
  const at =
    (v: Record<string, number | string>) =>
    (c: string): Value => {
      const x = v[c];
      if (x === undefined) throw new Error(`the test gave no value for ${c}`);
      return ok(Decimal.of(x));
    };
  const contributions = shapley(drivers, at(base), at(current));
  const f0 = drivers.combine(values(base));
  const f1 = drivers.combine(values(current));
  return { contributions, change: f0.value !== null && f1.value !== null ? f1.value.sub(f0.value) : null };
}

const sum = (vs: Value[]): Decimal => vs.reduce((s, v) => s.add(v.value!), Decimal.ZERO);

describe('driversOf: which inputs an indicator decomposes into, and how they combine', () => {
  test('a simple indicator without declared drivers has none', () => {
    expect(driversOf(simple('revenue'))).toBeNull();
  });

  const cases: Array<
    [
      name: string,
      i: Indicator,
      codes: string[],
      method: string,
      inputs: Record<string, string | number>,
      value: string | { reason: string },
    ]
  > = [
    [
      'ratio',
      ratio('margin', 'profit', 'revenue'),
      ['profit', 'revenue'],
      'shapley over profit / revenue',
      { profit: 30, revenue: 120 },
      '0.25',
    ],
    [
      'ratio × scale',
      ratio('margin_pct', 'profit', 'revenue', 100),
      ['profit', 'revenue'],
      'shapley over profit / revenue',
      { profit: 1, revenue: 3 },
      '33.333333',
    ],
    [
      'ratio, zero denominator',
      ratio('margin', 'profit', 'revenue'),
      ['profit', 'revenue'],
      'shapley over profit / revenue',
      { profit: 1, revenue: 0 },
      { reason: 'division by zero: revenue is 0' },
    ],
    ['formula a - b', formula('gap', 'a - b'), ['a', 'b'], 'shapley over a - b', { a: '10.50', b: 12 }, '-1.5'],
    [
      'formula a * b / c',
      formula('f', 'a * b / c'),
      ['a', 'b', 'c'],
      'shapley over a * b / c',
      { a: 3, b: 4, c: 5 },
      '2.4',
    ],
    [
      'formula with days()',
      formula('dso', 'x / y * days()'),
      ['x', 'y', DAYS],
      'shapley over x / y * days()',
      { x: 50, y: 100, [DAYS]: 91 },
      '45.5',
    ],
    [
      'formula, a ref used twice counts once',
      formula('f', 'a * a - b'),
      ['a', 'b'],
      'shapley over a * a - b',
      { a: 3, b: 1 },
      '8',
    ],
    [
      'formula, zero divisor',
      formula('f', 'a * b / c'),
      ['a', 'b', 'c'],
      'shapley over a * b / c',
      { a: 3, b: 4, c: 0 },
      { reason: 'division by zero in f' },
    ],
    [
      'declared product',
      declared('revenue', 'product', ['orders', 'deal']),
      ['orders', 'deal'],
      'shapley over declared product of orders, deal',
      { orders: 12, deal: '2500.50' },
      '30006',
    ],
    [
      'declared sum',
      declared('expense', 'sum', ['a', 'b', 'c']),
      ['a', 'b', 'c'],
      'shapley over declared sum of a, b, c',
      { a: 1, b: '2.25', c: -3 },
      '0.25',
    ],
    // declared drivers win over a ratio's own inputs
    [
      'declared on a ratio',
      indicator({
        code: 'r',
        type: 'ratio',
        numerator: 'n',
        denominator: 'd',
        drivers: { method: 'product', of: ['p', 'q'] },
      }),
      ['p', 'q'],
      'shapley over declared product of p, q',
      { p: 2, q: 3 },
      '6',
    ],
  ];

  test.each(cases)('%s', (_name, i, codes, method, inputs, value) => {
    const d = driversFor(i);
    expect(d.codes).toEqual(codes);
    expect(d.method).toBe(method);
    expect(shown(d.combine(values(inputs)))).toEqual(value);
  });
});

describe('shapley: hand-checked attributions', () => {
  test('ratio 100/50 → 150/60: numerator +0.916666665, denominator −0.416666665 (sum 0.5)', () => {
    const { contributions, change } = attribute(driversFor(ratio('r', 'n', 'd')), { n: 100, d: 50 }, { n: 150, d: 60 });
    // φn = ½[(150/50 − 100/50) + (150/60 − 100/60)] = ½[1 + 0.83333333]; φd = ½[(100/60 − 2) + (2.5 − 3)]
    expect(contributions.map(shown)).toEqual(['0.916666665', '-0.416666665']);
    expect(plain(change!)).toBe('0.5');
  });

  test('a - b: each driver contributes its own change, signed', () => {
    const { contributions } = attribute(driversFor(formula('f', 'a - b')), { a: 10, b: 4 }, { a: 13, b: 9 });
    expect(contributions.map(shown)).toEqual(['3', '-5']);
  });

  test('a declared sum: each driver contributes exactly its change', () => {
    const { contributions } = attribute(
      driversFor(declared('s', 'sum', ['a', 'b', 'c'])),
      { a: 1, b: 2, c: 3 },
      { a: '1.25', b: -2, c: 3 },
    );
    expect(contributions.map(shown)).toEqual(['0.25', '-4', '0']);
  });

  test('a × b from 2 × 3 to 4 × 5: the interaction term is shared equally', () => {
    // Δ = 14; φa = ½[(4·3 − 2·3) + (4·5 − 2·5)] = 8, φb = ½[(2·5 − 2·3) + (4·5 − 4·3)] = 6
    const { contributions } = attribute(
      driversFor(declared('p', 'product', ['a', 'b'])),
      { a: 2, b: 3 },
      { a: 4, b: 5 },
    );
    expect(contributions.map(shown)).toEqual(['8', '6']);
  });

  test('three symmetric drivers of a product moving alike share the change equally', () => {
    // 2·2·2 = 8 → 5·5·5 = 125: 117 / 3 = 39 each
    const { contributions } = attribute(
      driversFor(declared('p', 'product', ['a', 'b', 'c'])),
      { a: 2, b: 2, c: 2 },
      { a: 5, b: 5, c: 5 },
    );
    expect(contributions.map(shown)).toEqual(['39', '39', '39']);
  });

  test('a declared sum of four: each driver contributes exactly its change (weights 1/4 and 1/12 are not finite decimals)', () => {
    const drivers = driversFor(declared('s', 'sum', ['a', 'b', 'c', 'd']));
    const { contributions } = attribute(
      drivers,
      { a: 100, b: 200, c: 300, d: 400 },
      { a: 160, b: 170, c: 300, d: '400.01' },
    );
    expect(contributions.map(shown)).toEqual(['60', '-30', '0', '0.01']);
  });

  test('when the exact share is not a finite decimal, 12 places are kept and the last-place units go where the roundings lost most', () => {
    // 1·1·1 → 2·2·2: Δ = 7, exactly 7/3 each
    const { contributions } = attribute(
      driversFor(declared('p', 'product', ['a', 'b', 'c'])),
      { a: 1, b: 1, c: 1 },
      { a: 2, b: 2, c: 2 },
    );
    expect(contributions.map((v) => v.value!.toString())).toEqual([
      '2.333333333334',
      '2.333333333333',
      '2.333333333333',
    ]);
    expect(plain(sum(contributions))).toBe('7');
  });

  test('a driver without a value makes every contribution null with its reason', () => {
    const drivers = driversFor(formula('f', 'a - b'));
    const got = shapley(
      drivers,
      (c) => ok(Decimal.of(c === 'a' ? 1 : 2)),
      (c) => (c === 'a' ? ok(Decimal.of(3)) : none('no cost rows in 2025-Q4')),
    );
    expect(got.map(shown)).toEqual([
      { reason: 'a driver has no value: no cost rows in 2025-Q4' },
      { reason: 'a driver has no value: no cost rows in 2025-Q4' },
    ]);
  });

  test('a combination that cannot be computed (a zero denominator on the way) makes the contributions null, not wrong', () => {
    const got = attribute(driversFor(ratio('r', 'n', 'd')), { n: 1, d: 0 }, { n: 2, d: 4 }).contributions;
    expect(got.map((v) => v.value)).toEqual([null, null]);
    expect(got.every((v) => v.reason?.includes('division by zero'))).toBe(true);
  });
});

describe('shapley: properties over random small integer inputs (deterministic seeds)', () => {
  /** name, drivers, and a generator of one driver's value (denominators never 0). */
  const families: Array<
    [name: string, drivers: Drivers, gen: (code: string, r: (min: number, max: number) => number) => number]
  > = [
    ['ratio n / d', driversFor(ratio('r', 'n', 'd')), (c, r) => (c === 'd' ? r(1, 9) : r(-20, 20))],
    ['ratio n / d × 100', driversFor(ratio('r', 'n', 'd', 100)), (c, r) => (c === 'd' ? r(1, 7) : r(0, 20))],
    ['formula a - b', driversFor(formula('f', 'a - b')), (_c, r) => r(-9, 9)],
    ['formula a * b / c', driversFor(formula('f', 'a * b / c')), (c, r) => (c === 'c' ? r(1, 9) : r(-9, 9))],
    [
      'formula x / y * days()',
      driversFor(formula('f', 'x / y * days()')),
      (c, r) => (c === DAYS ? r(28, 31) : c === 'y' ? r(1, 9) : r(0, 50)),
    ],
    [
      'formula (a + b) * c - d / e',
      driversFor(formula('f', '(a + b) * c - d / e')),
      (c, r) => (c === 'e' ? r(1, 6) : r(-5, 5)),
    ],
    ['declared product of 2', driversFor(declared('p', 'product', ['a', 'b'])), (_c, r) => r(0, 9)],
    ['declared product of 3', driversFor(declared('p', 'product', ['a', 'b', 'c'])), (_c, r) => r(-3, 9)],
    ['declared product of 6', driversFor(declared('p', 'product', ['a', 'b', 'c', 'd', 'e', 'g'])), (_c, r) => r(1, 5)],
    ['declared sum of 4', driversFor(declared('s', 'sum', ['a', 'b', 'c', 'd'])), (_c, r) => r(-9, 9)],
  ];
  const DRAWS = 60;

  const draw = (
    drivers: Drivers,
    gen: (code: string, r: (min: number, max: number) => number) => number,
    r: (min: number, max: number) => number,
  ) => Object.fromEntries(drivers.codes.map((c) => [c, gen(c, r)]));

  test.each(families)('%s: contributions add up exactly to f(current) − f(base)', (name, drivers, gen) => {
    const r = random(name.length * 7919);
    const wrong: string[] = [];
    for (let i = 0; i < DRAWS; i++) {
      const base = draw(drivers, gen, r);
      const current = draw(drivers, gen, r);
      const { contributions, change } = attribute(drivers, base, current);
      if (contributions.some((v) => v.value === null)) wrong.push(`${JSON.stringify([base, current])}: null`);
      else if (sum(contributions).compare(change!) !== 0) {
        wrong.push(`${JSON.stringify([base, current])}: Σ ${sum(contributions).toString()} ≠ Δ ${change!.toString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test.each(families)('%s: a driver that does not change contributes exactly 0', (name, drivers, gen) => {
    const r = random(name.length * 104729);
    const wrong: string[] = [];
    for (let i = 0; i < DRAWS; i++) {
      const base = draw(drivers, gen, r);
      const current = draw(drivers, gen, r);
      const still = drivers.codes[i % drivers.codes.length]!;
      current[still] = base[still]!;
      const { contributions } = attribute(drivers, base, current);
      const c = contributions[drivers.codes.indexOf(still)]!;
      if (c.value === null || !c.value.isZero())
        wrong.push(`${still} in ${JSON.stringify([base, current])}: ${JSON.stringify(shown(c))}`);
    }
    expect(wrong).toEqual([]);
  });

  /** Families with interchangeable drivers: swapping them never changes f. */
  const symmetric: Array<
    [
      name: string,
      pair: [string, string],
      drivers: Drivers,
      gen: (code: string, r: (min: number, max: number) => number) => number,
    ]
  > = [
    [
      'formula a * b / c',
      ['a', 'b'],
      driversFor(formula('f', 'a * b / c')),
      (c, r) => (c === 'c' ? r(1, 9) : r(-9, 9)),
    ],
    [
      'formula (a + b) * c - d / e',
      ['a', 'b'],
      driversFor(formula('f', '(a + b) * c - d / e')),
      (c, r) => (c === 'e' ? r(1, 6) : r(-5, 5)),
    ],
    ['declared product of 3', ['b', 'c'], driversFor(declared('p', 'product', ['a', 'b', 'c'])), (_c, r) => r(-3, 9)],
    [
      'declared product of 6',
      ['a', 'g'],
      driversFor(declared('p', 'product', ['a', 'b', 'c', 'd', 'e', 'g'])),
      (_c, r) => r(1, 5),
    ],
    ['declared sum of 4', ['a', 'd'], driversFor(declared('s', 'sum', ['a', 'b', 'c', 'd'])), (_c, r) => r(-9, 9)],
  ];

  test.each(symmetric)(
    '%s: symmetric drivers %j moving alike get equal contributions (to the last digit kept)',
    (name, [x, y], drivers, gen) => {
      const r = random(name.length * 1299709);
      const wrong: string[] = [];
      for (let i = 0; i < DRAWS; i++) {
        const base = draw(drivers, gen, r);
        const current = draw(drivers, gen, r);
        base[y] = base[x]!;
        current[y] = current[x]!;
        const { contributions } = attribute(drivers, base, current);
        const cx = contributions[drivers.codes.indexOf(x)]!.value!;
        const cy = contributions[drivers.codes.indexOf(y)]!.value!;
        // When the exact share is not a finite decimal (Δ / 3 …), exactness of the sum costs at most one unit
        // in the last place kept; shares that are finite decimals are equal.
        const ulp = Decimal.of(`0.${'0'.repeat(Math.max(cx.scale, cy.scale, 1) - 1)}1`);
        const gap = cx.sub(cy);
        if (gap.compare(ulp) > 0 || gap.negate().compare(ulp) > 0)
          wrong.push(`${JSON.stringify([base, current])}: ${cx.toString()} vs ${cy.toString()}`);
      }
      expect(wrong).toEqual([]);
    },
  );
});
