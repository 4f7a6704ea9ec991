import fc from 'fast-check';
import { Decimal } from '../../../src/values/decimal';

/**
 * Decimal parses and rounds values of up to 15 digits as doubles (exact for safe integers) and longer ones
 * with BigInt. The oracle here is plain BigInt arithmetic written out in the test: every digit string,
 * short or long, must give the same units, scale and half-up (away from zero) rounding at any scale.
 */
function oracleFixed(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let units = BigInt(`${whole}${fraction}`);
  const scale = fraction.length;
  if (places >= scale) units *= 10n ** BigInt(places - scale);
  else {
    const d = 10n ** BigInt(scale - places);
    units = (units * 2n + d) / (2n * d);
  }
  const digits = units.toString().padStart(places + 1, '0');
  const body = places === 0 ? digits : `${digits.slice(0, digits.length - places)}.${digits.slice(-places)}`;
  return negative && units !== 0n ? `-${body}` : body;
}

const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.stringMatching(/^[0-9]{1,4}$/), fc.stringMatching(/^[0-9]{1,22}$/), fc.stringMatching(/^9{12,17}$/)),
    fc.option(
      fc.oneof(fc.stringMatching(/^[0-9]{1,3}$/), fc.stringMatching(/^[05]{1,5}$/), fc.stringMatching(/^[0-9]{1,14}$/)),
    ),
  )
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);

test('toFixed rounds half-up exactly, below and above 15 digits', () => {
  fc.assert(
    fc.property(decimalText, fc.integer({ min: 0, max: 18 }), (text, places) => {
      expect(Decimal.of(text).toFixed(places)).toBe(oracleFixed(text, places));
    }),
    { numRuns: 4_000 },
  );
});

test('parsing keeps every digit and the scale', () => {
  fc.assert(
    fc.property(decimalText, (text) => {
      const value = Decimal.of(text);
      const fraction = text.split('.')[1] ?? '';
      expect(value.scale).toBe(fraction.length);
      expect(value.units).toBe(BigInt(text.replace('.', '')));
    }),
    { numRuns: 4_000 },
  );
});

test.each([
  ['-0.004', 2, '0.00'],
  ['-0.005', 2, '-0.01'],
  ['0.005', 2, '0.01'],
  ['4503599627370495.5', 0, '4503599627370496'],
  ['-9007199254740993.5', 0, '-9007199254740994'],
  ['999999999999999.95', 1, '1000000000000000.0'],
])('%s at %i places is %s', (text, places, expected) => {
  expect(Decimal.of(text).toFixed(places)).toBe(expected);
  expect(oracleFixed(text, places)).toBe(expected);
});
