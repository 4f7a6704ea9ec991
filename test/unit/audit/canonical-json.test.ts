import fc from 'fast-check';
import { canonicalJson } from '../../../src/audit/record';

/**
 * canonicalJson is what every audit record's hash is computed over: written again for speed, it must give
 * byte for byte the text it gave before, or the chain of records already written no longer verifies. The
 * oracle is the previous implementation, verbatim.
 */
function previous(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint is not representable in JSON');
  if (typeof value !== 'object') return 'null';
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return previous(withJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => previous(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${previous(obj[k])}`).join(',')}}`;
}

/** Values as audit records hold them, and what JSON.stringify would meet besides. */
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.date({ noInvalidDate: true }),
    fc.constant(() => 1),
    fc.constant(Symbol('s')),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.sparseArray(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonicalJson gives the text it always gave', () => {
  test('for any value an audit record may hold (nested objects, lists, sparse lists, dates, functions, symbols)', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(previous(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('for JSON as clients send it (variables, arguments)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(previous(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('a member whose name sorts first but is left out does not leave a comma behind', () => {
    // A sparse list (a hole at index 1), as `new Array` or `delete` leave one.
    const list: unknown[] = [undefined, 0, 3];
    delete list[1];
    const value = { '': undefined, a: 1, b: () => 2, c: list };
    expect(canonicalJson(value)).toBe(previous(value));
    expect(canonicalJson(value)).toBe('{"a":1,"c":[null,,3]}');
  });

  test('what JSON cannot hold is refused as before', () => {
    expect(() => canonicalJson({ a: [Number.POSITIVE_INFINITY] })).toThrow(/not representable/);
    expect(() => canonicalJson([1n])).toThrow(/bigint/);
  });
});
