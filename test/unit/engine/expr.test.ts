import { evaluateExpr, none, ok, type Value } from '../../../src/engine/expr';
import { parseFormula } from '../../../src/indicators/formula';
import { Decimal } from '../../../src/values/decimal';

/** Evaluates `formula` with refs from `inputs` (a string is a value; { reason } is a null input). */
function run(
  formula: string,
  inputs: Record<string, string | { reason: string }> = {},
  days?: number,
  where = '2025-Q4',
): Value {
  const ref = (code: string): Value => {
    const v = inputs[code];
    if (v === undefined) throw new Error(`the test gave no value for ${code}`);
    return typeof v === 'string' ? ok(Decimal.of(v)) : none(v.reason);
  };
  return evaluateExpr(parseFormula(formula), ref, days, where);
}

/** The exact decimal string, scale included ("0.3", "3.30", "0.33333333"). */
const exact = (v: Value): string | { reason: string } => (v.value === null ? { reason: v.reason } : v.value.toString());

describe('evaluateExpr: exact decimal arithmetic', () => {
  const cases: Array<[formula: string, inputs: Record<string, string>, days: number | undefined, result: string]> = [
    ['0.1 + 0.2', {}, undefined, '0.3'], // 0.30000000000000004 in binary floating point
    ['a + b', { a: '0.1', b: '0.2' }, undefined, '0.3'],
    ['a + b', { a: '1234.50', b: '0.05' }, undefined, '1234.55'],
    ['a - b', { a: '100.00', b: '100.01' }, undefined, '-0.01'],
    ['a - b - c', { a: '10', b: '3', c: '2' }, undefined, '5'], // left-associative: (10 - 3) - 2
    ['a * b', { a: '1.10', b: '3' }, undefined, '3.30'],
    ['a * b', { a: '0.1', b: '0.1' }, undefined, '0.01'],
    ['a * b', { a: '99999999999999999.99', b: '100' }, undefined, '9999999999999999999.00'], // beyond 2^53, no precision lost
    ['a / b', { a: '1', b: '3' }, undefined, '0.33333333'], // divisions round half-up to 8 places
    ['a / b', { a: '2', b: '3' }, undefined, '0.66666667'],
    ['a / b', { a: '-2', b: '3' }, undefined, '-0.66666667'],
    ['a / b', { a: '10', b: '4' }, undefined, '2.50000000'],
    ['a / b / c', { a: '100', b: '4', c: '5' }, undefined, '5.00000000'],
    ['-a', { a: '5.25' }, undefined, '-5.25'],
    ['a - -b', { a: '1', b: '2' }, undefined, '3'],
    ['a + b * c', { a: '1', b: '2', c: '3' }, undefined, '7'],
    ['(a + b) * c', { a: '1', b: '2', c: '3' }, undefined, '9'],
    ['(a - b) / a * 100', { a: '200.00', b: '150.00' }, undefined, '25.00000000'],
    ['a * 1.5', { a: '2.00' }, undefined, '3.000'],
    // days(): the length of the period being computed
    ['days()', {}, 92, '92'],
    ['a / days()', { a: '90' }, 30, '3.00000000'],
    ['a / days()', { a: '100' }, 3, '33.33333333'],
    ['receivables / revenue * days()', { receivables: '500', revenue: '1000' }, 91, '45.50000000'],
    ['days() * 2 - 1', {}, 29, '57'],
  ];

  test.each(cases)('%s with %j and days() = %s gives %s', (formula, inputs, days, result) => {
    expect(exact(run(formula, inputs, days))).toBe(result);
  });
});

describe('evaluateExpr: no period → days() is null with the reason', () => {
  test.each(['days()', 'a / days()', 'a + days() * 0'])('%s', (formula) => {
    expect(exact(run(formula, { a: '1' }, undefined))).toEqual({ reason: 'days() has no period here' });
  });
});

describe('evaluateExpr: division by zero gives null with a reason naming where, never NaN or Infinity', () => {
  const cases: Array<[formula: string, inputs: Record<string, string>]> = [
    ['a / b', { a: '1', b: '0' }],
    ['a / b', { a: '0', b: '0.00' }],
    ['a / b', { a: '-5', b: '0' }],
    ['1 / 0', {}],
    ['a / (b - c)', { a: '1', b: '2.50', c: '2.5' }],
    ['a / (b * 0)', { a: '1', b: '7' }],
    ['a + b / c * 100', { a: '1', b: '2', c: '0' }],
    ['-(a / b)', { a: '1', b: '0' }],
    ['a / days()', { a: '1' }],
  ];

  test.each(cases)('%s with %j', (formula, inputs) => {
    const v = run(formula, inputs, 0, '2025-Q4');
    expect(v.value).toBeNull();
    expect(v.reason).toBe('division by zero in 2025-Q4');
  });

  test('dividing zero by something is zero, not null', () => {
    expect(exact(run('a / b', { a: '0', b: '3' }))).toBe('0.00000000');
  });
});

describe("evaluateExpr: a null input makes the result null with that input's reason", () => {
  const missing = { reason: 'no cogs rows in 2025-11' };
  const cases: Array<[formula: string, inputs: Record<string, string | { reason: string }>, reason: string]> = [
    ['a', { a: missing }, missing.reason],
    ['-a', { a: missing }, missing.reason],
    ['a + b', { a: '1', b: missing }, missing.reason],
    ['a - b', { a: missing, b: '1' }, missing.reason],
    ['a * b', { a: '1', b: missing }, missing.reason],
    ['a / b', { a: missing, b: '0' }, missing.reason], // the null input, not a division by zero
    ['a / b', { a: '1', b: missing }, missing.reason],
    ['(a - b) / c * 100', { a: '1', b: '2', c: missing }, missing.reason],
    ['a / days()', { a: missing }, missing.reason],
    // both null: the left operand's reason (evaluated first)
    ['a + b', { a: { reason: 'left' }, b: { reason: 'right' } }, 'left'],
    ['b + a', { a: { reason: 'left' }, b: { reason: 'right' } }, 'right'],
  ];

  test.each(cases)('%s with %j → null: %s', (formula, inputs, reason) => {
    expect(exact(run(formula, inputs, 30))).toEqual({ reason });
  });
});
