import {
  FormulaError,
  formulaRefs,
  MAX_FORMULA_NESTING,
  MAX_FORMULA_TERMS,
  parseFormula,
  type Expr,
} from '../../../src/indicators/formula';
import { thrown } from '../thrown';

/** The tree as a fully parenthesised string, so precedence and associativity show at a glance. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'ref':
      return e.code;
    case 'days':
      return 'days()';
    case 'neg':
      return `(-${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
  }
}

describe('parseFormula builds the tree the usual arithmetic rules give', () => {
  const cases: Array<[formula: string, tree: string]> = [
    // precedence: * and / bind tighter than + and -
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b / c', '(a - (b / c))'],
    // left associativity
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['a - b + c', '((a - b) + c)'],
    // parentheses
    ['(a + b) * c', '((a + b) * c)'],
    ['a / (b - c)', '(a / (b - c))'],
    ['((a))', 'a'],
    [
      '(procurement_list_value - procurement_spend) / procurement_list_value * 100',
      '(((procurement_list_value - procurement_spend) / procurement_list_value) * 100)',
    ],
    // unary minus
    ['-a', '(-a)'],
    ['-a * b', '((-a) * b)'],
    ['a * -b', '(a * (-b))'],
    ['-(a + b)', '(-(a + b))'],
    ['a - -b', '(a - (-b))'],
    ['--a', '(-(-a))'],
    // days(): the number of days in the period
    ['days()', 'days()'],
    ['receivables_balance / invoiced_revenue * days()', '((receivables_balance / invoiced_revenue) * days())'],
    ['days ( ) * 2', '(days() * 2)'],
    // numbers, with and without decimals
    ['100', '100'],
    ['a * 1.5', '(a * 1.5)'],
    ['0.25 * a + 12.75', '((0.25 * a) + 12.75)'],
    // codes with digits and underscores, any spacing
    ['revenue_rolling_3+x2', '(revenue_rolling_3 + x2)'],
    ['  a  *  b  ', '(a * b)'],
  ];

  test.each(cases)('%s → %s', (formula, tree) => {
    expect(show(parseFormula(formula))).toBe(tree);
  });

  test('numbers keep their exact text (no float rounding)', () => {
    expect(parseFormula('0.1')).toEqual({ kind: 'number', value: '0.1' });
    expect(parseFormula('12345678901234567890.12')).toEqual({ kind: 'number', value: '12345678901234567890.12' });
  });
});

describe('parseFormula rejects malformed formulas with a FormulaError that says where', () => {
  const cases: Array<[formula: string, message: string]> = [
    ['a +', 'the formula ends too early (position 4)'],
    ['a + ', 'the formula ends too early (position 4)'],
    ['', 'the formula ends too early (position 1)'],
    ['(a', 'expected ")" at the end (position 3)'],
    ['(a b', 'expected ")" at position 4'],
    ['a b', 'unexpected "b" at position 3'],
    ['a 2', 'unexpected "2" at position 3'],
    ['a)', 'unexpected ")" at position 2'],
    ['foo()', 'unknown function foo() at position 1 (known: days())'],
    ['a + sum()', 'unknown function sum() at position 5 (known: days())'],
    ['a $ b', 'unexpected "$" at position 3'],
    ['a$b', 'unexpected "$" at position 2'],
    // positions count from the offending character, not from the spaces before it
    ['a + * b', 'unexpected "*" at position 5'],
    ['a +   % b', 'unexpected "%" at position 7'],
    ['1.', 'unexpected "." at position 2'],
    ['.5', 'unexpected "." at position 1'],
    ['Revenue', 'unexpected "R" at position 1'],
    ['a ^ 2', 'unexpected "^" at position 3'],
  ];

  test.each(cases)('%j: %s', (formula, message) => {
    const error = thrown(() => parseFormula(formula));
    expect(error).toBeInstanceOf(FormulaError);
    expect(error.message).toBe(message);
  });
});

describe('formulas are bounded: nesting and terms, refused with the limit named before any deep recursion', () => {
  const parens = (n: number) => `${'('.repeat(n)}a${')'.repeat(n)}`;
  const negs = (n: number) => `${'-'.repeat(n)}a`;
  const chain = (n: number) => Array.from({ length: n }, () => 'a').join(' + ');
  test.each([
    ['parentheses', parens, MAX_FORMULA_NESTING, 'formulaNesting'],
    ['unary minus', negs, MAX_FORMULA_NESTING, 'formulaNesting'],
    [
      '(-(-(… mixed',
      (n: number) => `${'(-'.repeat(n / 2)}a${')'.repeat(n / 2)}`,
      MAX_FORMULA_NESTING,
      'formulaNesting',
    ],
    ['operands in a chain', chain, MAX_FORMULA_TERMS, 'formulaTerms'],
  ])('%s: the limit passes, one more is refused', (_name, make, max, limit) => {
    expect(formulaRefs(parseFormula(make(max)))).toEqual(['a']);
    const error = thrown(() => parseFormula(make(max + 2)));
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as FormulaError).limit).toEqual({ name: limit, max });
    expect(error.message).toContain(String(max));
  });

  test('4,600 nested parentheses (the reported stack overflow) and 100,000 are refused at the 65th', () => {
    for (const n of [4600, 100_000])
      expect(thrown(() => parseFormula(parens(n))).message).toBe(
        `parentheses and unary minus nested more than ${MAX_FORMULA_NESTING} deep (at position ${MAX_FORMULA_NESTING + 1})`,
      );
  });
});

describe('formulaRefs lists each referenced code once, in order of first appearance', () => {
  const cases: Array<[formula: string, refs: string[]]> = [
    ['a', ['a']],
    ['a + a', ['a']],
    ['a + b * a - (b / c)', ['a', 'b', 'c']],
    ['-x * x', ['x']],
    ['invoiced_to_date - received_to_date', ['invoiced_to_date', 'received_to_date']],
    ['receivables_balance / invoiced_revenue * days()', ['receivables_balance', 'invoiced_revenue']],
    ['days() * 2', []],
    ['42', []],
  ];

  test.each(cases)('%s → %j', (formula, refs) => {
    expect(formulaRefs(parseFormula(formula))).toEqual(refs);
  });
});
