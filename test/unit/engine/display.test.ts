import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { display } from '../../../src/engine/index';
import { readDefinitionFiles } from '../../../src/indicators/load';
import { ConfigError } from '../../../src/errors';
import { loadUnits, UnitBook } from '../../../src/indicators/units';
import { Decimal } from '../../../src/values/decimal';
import { thrown } from '../thrown';

/** The one rounding of a value on its way out: half-up, at the indicator's precision or its unit's (units file). */
const units = new UnitBook({
  EUR: { precision: 2 },
  count: { precision: 0, fractionalPrecision: 2 },
  ratio: { precision: 4 },
});

describe('display rounds once, half-up, at the declared precision', () => {
  test.each([
    ['1234.565', { unit: 'EUR' }, '1234.57'],
    ['1234.5649999', { unit: 'EUR' }, '1234.56'],
    ['-0.005', { unit: 'EUR' }, '-0.01'],
    ['0.0000', { unit: 'EUR' }, '0.00'],
    ['18.00500000', { unit: 'EUR' }, '18.01'],
    ['12', { unit: 'count' }, '12'],
    ['12.001', { unit: 'count' }, '12'],
    ['12.5', { unit: 'count' }, '12.50'],
    ['0.123456', { unit: 'ratio' }, '0.1235'],
    ['1234.565', { unit: 'EUR', precision: 0 }, '1235'],
    ['1234.56789', { unit: 'EUR', precision: 4 }, '1234.5679'],
    ['12.5', { unit: 'count', precision: 1 }, '12.5'],
  ])('%s in %j → %s', (value, def, expected) => {
    expect(display(Decimal.of(value), def, units)).toBe(expected);
  });

  test('a unit the units file does not declare is refused with a suggestion', () => {
    const error = thrown(() => display(Decimal.of('1'), { unit: 'eur' }, units));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'unknown unit "eur" (did you mean "EUR"?): declare it in the units file (known: EUR, count, ratio)',
    );
  });

  test.each([
    ['not a mapping of units', '- EUR\n', /^Units file .*: \(file\): /],
    [
      'a precision that is not a whole number of places',
      'EUR: { precision: 1.5 }\n',
      /^Units file .*: EUR\.precision: /,
    ],
    ['an unknown key (typo)', 'EUR: { precison: 2 }\n', /^Units file .*EUR: Unrecognized key: "precison"/],
  ])('the units file is validated: %s', (_what, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-units-'));
    try {
      writeFileSync(join(dir, 'units.yaml'), text);
      const error = thrown(() => loadUnits(join(dir, 'units.yaml')));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the units file of the repository declares every unit the dictionary uses', () => {
    const book = loadUnits('models/demo/units.yaml');
    expect(readDefinitionFiles('models/demo/indicators').flatMap((i) => book.problem(i.def) ?? [])).toEqual([]);
  });
});
