import { Decimal, toMoney } from '../../../src/values/decimal';
import { thrown } from '../thrown';

const d = (value: string) => Decimal.of(value);

describe('Decimal.of keeps the value and its number of places', () => {
  test.each<[string | number | bigint, string]>([
    ['12.34', '12.34'],
    ['-12.34', '-12.34'],
    ['42', '42'],
    ['-0.5', '-0.5'],
    ['7.50', '7.50'],
    [' 7.50 ', '7.50'],
    ['0.000001', '0.000001'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
    [42, '42'],
    [-3, '-3'],
    [5n, '5'],
  ])('%j → %s', (input, expected) => {
    expect(Decimal.of(input).toString()).toBe(expected);
  });

  test('a Decimal passes through unchanged', () => {
    const value = d('1.25');
    expect(Decimal.of(value)).toBe(value);
  });
});

describe('Decimal.of refuses what it cannot represent exactly, saying what it received', () => {
  test.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY])('the float %p', (value) => {
    const error = thrown(() => Decimal.of(value));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(`Decimal.of: expected an integer or a decimal string, received the float ${value}`);
  });

  test.each(['abc', '', '1e5', '1.2.3', '.5', '1.', '+1', '--1', '0x10', '1,000.00', '12 34'])(
    'the string %j',
    (value) => {
      const error = thrown(() => Decimal.of(value));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe(`Decimal.of: expected a decimal string like "-12.34", received "${value}"`);
    },
  );
});

describe('add, sub and mul are exact', () => {
  test.each<[string, (a: Decimal, b: Decimal) => Decimal, string, string, string]>([
    ['add', (a, b) => a.add(b), '0.1', '0.2', '0.3'],
    ['add', (a, b) => a.add(b), '9007199254740993.01', '0.01', '9007199254740993.02'], // beyond a float's 2^53
    ['add', (a, b) => a.add(b), '-5.25', '5.25', '0.00'],
    ['sub', (a, b) => a.sub(b), '0.3', '0.1', '0.2'],
    ['sub', (a, b) => a.sub(b), '1', '1.01', '-0.01'],
    ['mul', (a, b) => a.mul(b), '0.1', '0.2', '0.02'],
    ['mul', (a, b) => a.mul(b), '-1.5', '2.25', '-3.375'],
    ['mul', (a, b) => a.mul(b), '19.99', '3', '59.97'],
  ])('%s %s %s = %s', (_name, op, a, b, expected) => {
    expect(op(d(a), d(b)).toString()).toBe(expected);
  });

  test('0.1 + 0.2 shows as "0.30" at two places', () => {
    expect(d('0.1').add(d('0.2')).toFixed(2)).toBe('0.30');
  });

  test('adding 0.1 ten times gives exactly 1', () => {
    const sum = Array.from({ length: 10 }, () => d('0.1')).reduce((acc, x) => acc.add(x), Decimal.ZERO);
    expect(sum.compare(d('1'))).toBe(0);
    expect(sum.toFixed(2)).toBe('1.00');
  });

  test('negate and isZero', () => {
    expect(d('12.30').negate().toString()).toBe('-12.30');
    expect(d('0.00').isZero()).toBe(true);
    expect(d('0.01').isZero()).toBe(false);
  });
});

describe('div rounds half-up (away from zero) to the requested scale', () => {
  test.each<[string, string, number | undefined, string]>([
    ['1', '3', 6, '0.333333'],
    ['2', '3', 6, '0.666667'],
    ['-2', '3', 6, '-0.666667'],
    ['1', '8', 2, '0.13'],
    ['-1', '8', 2, '-0.13'],
    ['1', '-8', 2, '-0.13'],
    ['-1', '-8', 2, '0.13'],
    ['10.5', '0.25', 2, '42.00'],
    ['123.45', '67.8', 4, '1.8208'],
    ['0.005', '1', 2, '0.01'],
    ['2', '3', 0, '1'],
    ['1', '3', 0, '0'],
    ['1', '4', undefined, '0.250000'], // default scale is 6
  ])('%s / %s at scale %p = %s', (a, b, scale, expected) => {
    expect(d(a).div(d(b), scale)?.toString()).toBe(expected);
  });

  test.each(['0', '0.00', '-0'])('division by %j is null, not a throw or Infinity', (zero) => {
    expect(d('5').div(d(zero))).toBeNull();
  });
});

describe('compare orders values regardless of their places', () => {
  test.each<[string, string, -1 | 0 | 1]>([
    ['1.0', '1', 0],
    ['0', '-0.00', 0],
    ['1.01', '1.1', -1],
    ['10', '9.999', 1],
    ['-2', '-10', 1],
    ['-0.01', '0', -1],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(d(a).compare(d(b))).toBe(expected);
  });
});

describe('toFixed rounds half away from zero, negatives included, and never shows "-0"', () => {
  test.each<[string, number, string]>([
    ['1.005', 2, '1.01'],
    ['-1.005', 2, '-1.01'],
    ['-1.004', 2, '-1.00'],
    ['-0.005', 2, '-0.01'],
    ['-0.004', 2, '0.00'],
    ['-0.05', 1, '-0.1'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['-0.5', 2, '-0.50'],
    ['1.2', 3, '1.200'],
  ])('%s at %d places → %s', (value, scale, expected) => {
    expect(d(value).toFixed(scale)).toBe(expected);
  });
});

describe('toMoney shows exactly two places', () => {
  test.each<[string | number | bigint | Decimal, string]>([
    ['1234.5', '1234.50'],
    ['0.125', '0.13'],
    ['-0.125', '-0.13'],
    ['-7', '-7.00'],
    [12, '12.00'],
    [7n, '7.00'],
    [Decimal.of('3.333'), '3.33'],
  ])('%p → %s', (value, expected) => {
    expect(toMoney(value)).toBe(expected);
  });

  test('refuses a float rather than guess its cents', () => {
    expect(() => toMoney(1.5)).toThrow('received the float 1.5');
  });
});
